using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// "Is this call a subscription, and of which channel?" A subscription call is
    /// <c>IRealtimeChannel.Subscribe(...)</c> (or <c>RealtimeChannel.Subscribe</c>; <see cref="ChannelCalls.IsSubscribe"/>), or
    /// <c>ISupabaseTable&lt;,&gt;.On(...)</c>, which creates the table's channel on the Supabase client's
    /// <c>Realtime</c>, connects the socket when needed and subscribes.
    /// </summary>
    internal static class Subscriptions
    {
        public const string SubscribeMethod = "Subscribe";
        public const string OnMethod = "On";
        public const string FromMethod = "From";

        /// <summary><c>table.On(listenType, handler)</c> on a Supabase table.</summary>
        public static bool IsTableOn(IInvocationOperation invocation, SdkSymbols sdk)
            => invocation.TargetMethod.Name == OnMethod && sdk.IsSupabaseTable(invocation.TargetMethod.ContainingType);

        /// <summary><c>supabase.From&lt;T&gt;()</c> on a Supabase client.</summary>
        public static bool IsFrom(IInvocationOperation invocation, SdkSymbols sdk)
            => invocation.TargetMethod.Name == FromMethod && sdk.IsSupabaseClient(invocation.TargetMethod.ContainingType);

        /// <summary>
        /// The Supabase client a table expression comes from, when it is <c>supabase.From&lt;T&gt;()</c>
        /// on a stable chain; the <c>From</c> call is returned for naming the table.
        /// </summary>
        public static bool TryGetSupabaseOfTable(IOperation? table, SdkSymbols sdk, out SymbolPath supabase, out IInvocationOperation from)
        {
            supabase = default;
            from = null!;
            if (!(SymbolPath.Unwrap(table) is IInvocationOperation invocation) || !IsFrom(invocation, sdk)
                || !SymbolPath.TryGet(invocation.Instance, out supabase) || !sdk.IsSupabaseClient(supabase.Type))
            {
                return false;
            }

            from = invocation;
            return true;
        }

        /// <summary>
        /// The table name of <c>From&lt;TModel&gt;()</c> for messages: the model's <c>[Table("name")]</c>
        /// when constant, else the model's type name.
        /// </summary>
        public static string TableName(IInvocationOperation from, SdkSymbols sdk)
        {
            if (from.TargetMethod.TypeArguments.Length != 1)
            {
                return from.Syntax.ToString();
            }

            var model = from.TargetMethod.TypeArguments[0];
            foreach (var attribute in model.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "TableAttribute" && sdk.IsSdkMember(attribute.AttributeClass)
                    && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
                {
                    return name;
                }
            }

            return model.Name;
        }
    }
}
