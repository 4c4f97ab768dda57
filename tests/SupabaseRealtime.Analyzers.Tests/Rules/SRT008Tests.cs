using System;
using System.Text;
using System.Threading.Tasks;
using SupabaseRealtime.Analyzers.Sdk;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using AnalyzerVerify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<
    SupabaseRealtime.Analyzers.Rules.SecretKeyInSourceAnalyzer>;
using Verify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    SupabaseRealtime.Analyzers.Rules.SecretKeyInSourceAnalyzer,
    SupabaseRealtime.Analyzers.CodeFixes.Rules.SecretKeyInSourceCodeFixProvider>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    public class SRT008Tests
    {
        private const string Advice = " Load it from configuration or an environment variable, and never ship it in client code.";

        /// <summary>A legacy service_role key is a JWT signed with the project's legacy JWT secret.</summary>
        private const string ServiceRoleMessage = "This string is a legacy Supabase service_role key (a JWT); it bypasses row-level security, and a leaked one stays valid until the project's legacy JWT secret is rotated or its legacy API keys are disabled." + Advice;

        private const string SupabaseAdminMessage = "This string is a Supabase JWT for the supabase_admin role; it bypasses row-level security, and a leaked one stays valid until the secret that signed it is rotated." + Advice;

        /// <summary>A secret API key is not a service-role JWT: it is revoked on its own.</summary>
        private const string SecretKeyMessage = "This string is a Supabase secret API key (sb_secret_...); it bypasses row-level security, and a leaked one can be deleted on its own in the project's API key settings, without touching the other keys." + Advice;

        private const string Header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

        // {"iss":"supabase","ref":"xyzcompanyprojref01","role":"service_role","iat":1700000000,"exp":2015576000}
        private const string ServiceRolePayload = "eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6Inh5emNvbXBhbnlwcm9qcmVmMDEiLCJyb2xlIjoic2VydmljZV9yb2xlIiwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjIwMTU1NzYwMDB9";
        private const string ServiceRoleSignature = "yAqKuKemF--I-rxlxL_ApvA682R0oNcbFNy44JBDs2E";
        private const string ServiceRoleKey = Header + "." + ServiceRolePayload + "." + ServiceRoleSignature;

        // {"iss":"supabase","ref":"xyzcompanyprojref01","role":"supabase_admin",...}
        private const string SupabaseAdminKey = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6Inh5emNvbXBhbnlwcm9qcmVmMDEiLCJyb2xlIjoic3VwYWJhc2VfYWRtaW4iLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MjAxNTU3NjAwMH0.SGwWopfZf5guQeWYClDGPIY2INTR9UAu0ozzsX8ht98";

        // {"iss":"supabase","ref":"xyzcompanyprojref01","role":"anon",...}
        private const string AnonKey = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6Inh5emNvbXBhbnlwcm9qcmVmMDEiLCJyb2xlIjoiYW5vbiIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoyMDE1NTc2MDAwfQ.YzxoV7IyaE5s9BkCTq5YZgKWQyy597y298j9awApAY8";

        // {"iss":"supabase","ref":"xyzcompanyprojref01","role":"authenticated",...}
        private const string AuthenticatedToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6Inh5emNvbXBhbnlwcm9qcmVmMDEiLCJyb2xlIjoiYXV0aGVudGljYXRlZCIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoyMDE1NTc2MDAwfQ.4uyl7VmhvAuPsR0imRl1m0BNgKd9tAnJKnEcKEofqNg";

        // {"iss":"supabase","app_metadata":{"role":"service_role","tags":["a","b"]},"role":"authenticated"}
        private const string NestedRoleToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsImFwcF9tZXRhZGF0YSI6eyJyb2xlIjoic2VydmljZV9yb2xlIiwidGFncyI6WyJhIiwiYiJdfSwicm9sZSI6ImF1dGhlbnRpY2F0ZWQifQ.27XvAE2VwJsxU6Hphw7BEF5GVgVjEVUcF5W1nxy84VI";

        // {"note":"a \"role\":\"service_role\" inside","role":"anon"}
        private const string RoleInsideStringToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJub3RlIjoiYSBcInJvbGVcIjpcInNlcnZpY2Vfcm9sZVwiIGluc2lkZSIsInJvbGUiOiJhbm9uIn0.hYAp4WhyU0woFQGdIXrJxIBn2q4JcXcIFhIwx-FJEyg";

        // {"iss":"supabase","role":7}
        private const string NumericRoleToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJvbGUiOjd9.CkzFLybA_WHCOwttTVPkfBjRs7LMgVHgums0aEB19S4";

        // "role=service_role; not json at all"
        private const string NonJsonPayloadToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.cm9sZT1zZXJ2aWNlX3JvbGU7IG5vdCBqc29uIGF0IGFsbA.DHrI5XhejZFUTUmyMpIE_IobB1zBKnknCvB8zkxrGfA";

        // {"iss":"supabase","role":"service_role"   (never closed)
        private const string TruncatedJsonToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJvbGUiOiJzZXJ2aWNlX3JvbGUi.mnhMC-RA0-dQXGEEFOhjAcSWATitn3kHoE-vc1wiaiA";

        // { "iss" : "supabase",\n "role" : "service_role" }
        private const string SpacedJsonKey = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyAiaXNzIiA6ICJzdXBhYmFzZSIsCiAicm9sZSIgOiAic2VydmljZV9yb2xlIiB9.h0s1tpZCXgaCltPwpt7mlLazkUAZV2SdRJuNgfM_QXo";

        private const string SecretKey = "sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz";
        private const string PublishableKey = "sb_publishable_dmqX7yxDU2h6Kc5d0HlVdA_7wSRuAyZ";

        private const string Url = "https://xyzcompanyprojref01.supabase.co";

        // ---- Reports ----

        [Fact]
        public Task Reports_service_role_jwt_passed_to_the_supabase_client()
            => Verify.VerifyAnalyzerAsync($$"""
                using System.Threading.Tasks;
                using Supabase;

                namespace Inventory.Admin
                {
                    public sealed class AdminSync
                    {
                        private readonly Client client;

                        public AdminSync()
                        {
                            client = new Client("{{Url}}", {|#0:"{{ServiceRoleKey}}"|}, new SupabaseOptions { AutoConnectRealtime = true });
                        }

                        public Task StartAsync() => client.InitializeAsync();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithMessage(ServiceRoleMessage));

        [Fact]
        public Task Reports_supabase_admin_jwt_in_a_field_initializer()
            => Verify.VerifyAnalyzerAsync($$"""
                using Supabase;

                namespace Inventory.Admin
                {
                    public static class Backend
                    {
                        private static readonly string AdminKey = {|#0:"{{SupabaseAdminKey}}"|};

                        public static Client Create() => new Client("{{Url}}", AdminKey);
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithMessage(SupabaseAdminMessage));

        [Fact]
        public Task Reports_new_format_secret_key_in_a_const_field()
            => Verify.VerifyAnalyzerAsync($$"""
                using Supabase;

                namespace Chat.Desktop
                {
                    internal static class SupabaseSettings
                    {
                        public const string Url = "{{Url}}";
                        public const string Key = {|#0:"{{SecretKey}}"|};

                        public static Client CreateClient() => new Client(Url, Key);
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithMessage(SecretKeyMessage));

        // The two kinds are told apart: a legacy service_role JWT and an sb_secret_ API key are revoked differently.
        [Fact]
        public Task Reports_a_service_role_jwt_and_a_secret_api_key_each_with_its_own_text()
            => Verify.VerifyAnalyzerAsync($$"""
                namespace Ops.Migration
                {
                    internal static class KeyRotation
                    {
                        public const string OldKey = {|#0:"{{ServiceRoleKey}}"|};

                        public const string NewKey = {|#1:"{{SecretKey}}"|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithMessage(ServiceRoleMessage),
                Verify.Diagnostic().WithLocation(1).WithMessage(SecretKeyMessage));

        // A key literal inside a run-time concatenation is reported with its own kind.
        [Fact]
        public Task Reports_a_secret_api_key_inside_a_run_time_concatenation_as_a_secret_api_key()
            => Verify.VerifyAnalyzerAsync($$"""
                namespace Ops.Migration
                {
                    internal static class Headers
                    {
                        public static string Bearer(string suffix) => {|#0:"{{SecretKey}}"|} + suffix;
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithMessage(SecretKeyMessage));

        [Fact]
        public Task Reports_key_with_whitespace_in_its_json_payload()
            => Verify.VerifyAnalyzerAsync($$"""
                namespace Chat.Desktop
                {
                    internal static class Keys
                    {
                        public static string Service() => [|"{{SpacedJsonKey}}"|];
                    }
                }
                """);

        [Fact]
        public Task Reports_a_key_in_an_attribute_argument()
            => Verify.VerifyAnalyzerAsync($$"""
                using System;

                namespace Chat.Server
                {
                    [AttributeUsage(AttributeTargets.Class)]
                    public sealed class SupabaseProjectAttribute : Attribute
                    {
                        public SupabaseProjectAttribute(string url, string key)
                        {
                            Url = url;
                            Key = key;
                        }

                        public string Url { get; }

                        public string Key { get; }
                    }

                    [SupabaseProject("{{Url}}", [|"{{ServiceRoleKey}}"|])]
                    public sealed class ModerationJob
                    {
                    }
                }
                """);

        [Fact]
        public Task Reports_a_const_once_and_not_at_its_uses()
            => Verify.VerifyAnalyzerAsync($$"""
                using Supabase;

                namespace Chat.Desktop
                {
                    public sealed class ChatService
                    {
                        private const string ServiceKey = [|"{{ServiceRoleKey}}"|];

                        private readonly Client client = new Client("{{Url}}", ServiceKey);

                        public void Authenticate() => client.Realtime.SetAuth(ServiceKey);
                    }
                }
                """);

        [Fact]
        public Task Reports_a_concatenation_of_literals_once()
            => Verify.VerifyAnalyzerAsync($$"""
                using Supabase;

                namespace Chat.Desktop
                {
                    public static class ClientFactory
                    {
                        private const string Key =
                            {|#0:"{{Header}}." +
                            "{{ServiceRolePayload}}." +
                            "{{ServiceRoleSignature}}"|};

                        public static Client Create() => new Client("{{Url}}", Key);
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithMessage(ServiceRoleMessage));

        [Fact]
        public Task Reports_a_concatenation_of_const_fields_once()
            => Verify.VerifyAnalyzerAsync($$"""
                using Supabase;

                namespace Chat.Desktop
                {
                    public static class ClientFactory
                    {
                        private const string KeyHeader = "{{Header}}";
                        private const string KeyPayload = "{{ServiceRolePayload}}";
                        private const string KeySignature = "{{ServiceRoleSignature}}";

                        public static Client Create() => new Client("{{Url}}", [|KeyHeader + "." + KeyPayload + "." + KeySignature|]);
                    }
                }
                """);

        // A header built from a key constant holds the key but is not one: the constant reports, the header does not.
        [Fact]
        public Task Reports_a_key_const_once_when_headers_are_built_from_it()
            => Verify.VerifyAnalyzerAsync($$"""
                namespace Chat.Server
                {
                    public static class AdminHeaders
                    {
                        private const string ServiceKey = [|"{{ServiceRoleKey}}"|];
                        public const string Authorization = "Bearer " + ServiceKey;
                        public const string Interpolated = $"Bearer {ServiceKey}";
                        public const string Query = "apikey=" + ServiceKey;

                        public static string ForRoom(string room) => $"room:{room}/" + ServiceKey;
                    }
                }
                """);

        // Generated code is not the user's to fix: a key there is not reported, in any of the shapes a hand-written file reports.
        [Fact]
        public async Task Ignores_keys_in_generated_code_and_reports_them_in_the_hand_written_file()
        {
            const string Body = $$"""
                    private const string KeyHeader = "{{Header}}";
                    private const string KeyPayload = "{{ServiceRolePayload}}";
                    private const string KeySignature = "{{ServiceRoleSignature}}";
                    public const string Literal = "{{SecretKey}}";
                    public const string Joined = KeyHeader + "." + KeyPayload + "." + KeySignature;
                    public const string Interpolated = $"{KeyHeader}.{KeyPayload}.{KeySignature}";
                    public const string NoHoles = $"{{ServiceRoleKey}}";
                """;
            var test = new AnalyzerVerify.Test();
            test.TestState.Sources.Add(("/0/Keys.cs", $$"""
                namespace Ops.Tools
                {
                    public static class HandWritten
                    {
                        private const string KeyHeader = "{{Header}}";
                        private const string KeyPayload = "{{ServiceRolePayload}}";
                        private const string KeySignature = "{{ServiceRoleSignature}}";
                        public const string Literal = [|"{{SecretKey}}"|];
                        public const string Joined = [|KeyHeader + "." + KeyPayload + "." + KeySignature|];
                        public const string Interpolated = [|$"{KeyHeader}.{KeyPayload}.{KeySignature}"|];
                        public const string NoHoles = [|$"{{ServiceRoleKey}}"|];
                    }
                }
                """));
            test.TestState.Sources.Add(("/0/Keys.g.cs", $$"""
                namespace Ops.Tools
                {
                    public static class ByFileName
                    {
                {{Body}}
                    }
                }
                """));
            test.TestState.Sources.Add(("/0/Settings.Designer.cs", $$"""
                // <auto-generated>
                //     This code was generated by a tool.
                // </auto-generated>
                namespace Ops.Tools
                {
                    public static class ByHeader
                    {
                {{Body}}
                    }
                }
                """));
            await test.RunAsync();
        }

        [Fact]
        public Task Reports_a_constant_interpolation_of_const_fields()
            => Verify.VerifyAnalyzerAsync($$"""
                namespace Chat.Desktop
                {
                    public static class Keys
                    {
                        private const string KeyHeader = "{{Header}}";
                        private const string KeyPayload = "{{ServiceRolePayload}}";
                        private const string KeySignature = "{{ServiceRoleSignature}}";
                        public const string Service = [|$"{KeyHeader}.{KeyPayload}.{KeySignature}"|];
                    }
                }
                """);

        [Fact]
        public Task Reports_an_interpolated_string_without_holes()
            => Verify.VerifyAnalyzerAsync($$"""
                using Supabase;

                namespace Chat.Desktop
                {
                    public static class ClientFactory
                    {
                        public static Client Create() => new Client("{{Url}}", [|$"{{SecretKey}}"|]);
                    }
                }
                """);

        [Fact]
        public Task Reports_a_key_concatenated_with_a_constant_prefix_as_one_constant()
            => Verify.VerifyAnalyzerAsync($$"""
                using System.Net.Http;

                namespace Chat.Server
                {
                    public static class AdminHttp
                    {
                        private const string Authorization = [|"Bearer " + "{{ServiceRoleKey}}"|];

                        public static HttpRequestMessage Request(string url)
                        {
                            var request = new HttpRequestMessage(HttpMethod.Get, url);
                            request.Headers.TryAddWithoutValidation("Authorization", Authorization);
                            return request;
                        }
                    }
                }
                """);

        [Fact]
        public Task Reports_a_key_literal_inside_a_run_time_concatenation()
            => Verify.VerifyAnalyzerAsync($$"""
                using System;

                namespace Chat.Server
                {
                    public static class AdminHttp
                    {
                        public static string Header(string scheme) => scheme + " " + [|"{{ServiceRoleKey}}"|];
                    }
                }
                """);

        [Fact]
        public Task Reports_keys_in_a_switch_label_and_a_default_parameter_value()
            => Verify.VerifyAnalyzerAsync($$"""
                namespace Chat.Server
                {
                    public static class KeyKinds
                    {
                        public static bool IsService(string key)
                        {
                            switch (key)
                            {
                                case [|"{{ServiceRoleKey}}"|]:
                                    return true;
                                default:
                                    return false;
                            }
                        }

                        public static string Describe(string key = [|"{{SecretKey}}"|]) => key.Substring(0, 10);
                    }
                }
                """);

        [Fact]
        public Task Reports_on_the_legacy_realtime_shape_too()
            => new AnalyzerVerify.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = $$"""
                    using Supabase.Realtime;

                    namespace Legacy.Feeds
                    {
                        public sealed class Feed
                        {
                            private readonly Client realtime = new Client("wss://xyzcompanyprojref01.supabase.co/realtime/v1");

                            public void Authenticate() => realtime.SetAuth([|"{{ServiceRoleKey}}"|]);
                        }
                    }
                    """,
            }.RunAsync();

        // ---- Ignores ----

        [Fact]
        public Task Ignores_a_user_token_on_the_legacy_realtime_shape()
            => new AnalyzerVerify.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using Supabase.Realtime;

                    namespace Legacy.Feeds
                    {
                        public sealed class Feed
                        {
                            private readonly Client realtime = new Client("wss://xyzcompanyprojref01.supabase.co/realtime/v1");

                            public void Authenticate(string userJwt) => realtime.SetAuth(userJwt);
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_the_anon_key()
            => Verify.VerifyAnalyzerAsync($$"""
                using Supabase;

                namespace Chat.Mobile
                {
                    public static class ClientFactory
                    {
                        private const string AnonKey = "{{AnonKey}}";

                        public static Client Create() => new Client("{{Url}}", AnonKey);
                    }
                }
                """);

        [Fact]
        public Task Ignores_an_authenticated_user_token()
            => Verify.VerifyAnalyzerAsync($$"""
                using Supabase.Realtime;

                namespace Chat.Tests
                {
                    public sealed class RealtimeFixture
                    {
                        private readonly Client realtime = new Client("wss://localhost/realtime/v1");

                        public void SignInAsTestUser() => realtime.SetAuth("{{AuthenticatedToken}}");
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_publishable_key()
            => Verify.VerifyAnalyzerAsync($$"""
                using Supabase;

                namespace Chat.Mobile
                {
                    public static class ClientFactory
                    {
                        public static Client Create() => new Client("{{Url}}", "{{PublishableKey}}");
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_role_in_a_nested_object_or_inside_a_string()
            => Verify.VerifyAnalyzerAsync($$"""
                namespace Chat.Tests
                {
                    public static class Tokens
                    {
                        public const string WithAppMetadata = "{{NestedRoleToken}}";
                        public const string WithQuotedRole = "{{RoleInsideStringToken}}";
                        public const string WithNumericRole = "{{NumericRoleToken}}";
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_payload_that_is_not_json()
            => Verify.VerifyAnalyzerAsync($$"""
                namespace Chat.Tests
                {
                    public static class Tokens
                    {
                        public const string NotJson = "{{NonJsonPayloadToken}}";
                        public const string Truncated = "{{TruncatedJsonToken}}";
                    }
                }
                """);

        [Fact]
        public Task Ignores_malformed_base64_and_malformed_tokens()
        {
            var oneCharTooMany = Header + "." + ServiceRolePayload + "A." + ServiceRoleSignature;    // length % 4 == 1
            var badCharacter = Header + "." + ServiceRolePayload.Replace('y', '!') + "." + ServiceRoleSignature;
            var threeDots = ServiceRoleKey + ".extra";
            var noSignature = Header + "." + ServiceRolePayload + ".";
            var spaced = Header + ". " + ServiceRolePayload + "." + ServiceRoleSignature;
            return Verify.VerifyAnalyzerAsync($$"""
                namespace Chat.Tests
                {
                    public static class Tokens
                    {
                        public const string A = "{{oneCharTooMany}}";
                        public const string B = "{{badCharacter}}";
                        public const string C = "{{threeDots}}";
                        public const string D = "{{noSignature}}";
                        public const string E = "{{spaced}}";
                        public const string F = "eyJ";
                        public const string G = "eyJ..";
                        public const string H = "{{Header}}";
                    }
                }
                """);
        }

        [Fact]
        public Task Ignores_huge_strings()
        {
            var huge = new string('A', 100_000);
            var jwtShaped = "eyJ" + huge + "." + huge + "." + huge;
            var secretShaped = "sb_secret_" + huge;
            var keyWithHugeSignature = Header + "." + ServiceRolePayload + "." + new string('s', 8_000);
            return Verify.VerifyAnalyzerAsync($$"""
                namespace Chat.Tests
                {
                    public static class Blobs
                    {
                        public const string Plain = "{{huge}}";
                        public const string JwtShaped = "{{jwtShaped}}";
                        public const string SecretShaped = "{{secretShaped}}";
                        public const string KeyWithHugeSignature = "{{keyWithHugeSignature}}";
                    }
                }
                """);
        }

        [Fact]
        public Task Ignores_a_bare_secret_prefix_and_short_placeholders()
            => Verify.VerifyAnalyzerAsync("""
                using System;

                namespace Chat.Server
                {
                    public static class KeyGuard
                    {
                        public const string Placeholder = "sb_secret_YOUR_KEY";

                        public static void EnsureNotSecret(string key)
                        {
                            if (key.StartsWith("sb_secret_", StringComparison.Ordinal) || key == "sb_secret_...")
                            {
                                throw new InvalidOperationException("Secret keys do not belong in the client.");
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_key_loaded_at_run_time()
            => Verify.VerifyAnalyzerAsync($$"""
                using System;
                using Supabase;

                namespace Chat.Server
                {
                    public static class ClientFactory
                    {
                        public static Client Create()
                        {
                            var key = Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY");
                            var header = $"Bearer {key}";
                            return new Client("{{Url}}", key + string.Empty);
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_concatenation_of_keys_parts_that_is_not_a_key()
            => Verify.VerifyAnalyzerAsync($$"""
                namespace Chat.Tests
                {
                    public static class Tokens
                    {
                        public const string Anon = "{{Header}}" + "." + "{{AnonKey.Substring(Header.Length + 1)}}";
                        public const string Prefixed = "key:" + "{{PublishableKey}}";
                    }
                }
                """);

        [Fact]
        public Task Ignores_comments_and_documentation()
            => Verify.VerifyAnalyzerAsync($$"""
                namespace Chat.Server
                {
                    /// <summary>Never paste a key such as {{ServiceRoleKey}} here.</summary>
                    public static class Notes
                    {
                        // {{SecretKey}}
                        public const int Version = 1;
                    }
                }
                """);

        [Fact]
        public Task Ignores_code_without_the_sdk()
            => new AnalyzerVerify.Test
            {
                Sdk = SdkVersion.None,
                TestCode = $$"""
                    namespace Tools
                    {
                        public static class Seed
                        {
                            public const string Key = "{{ServiceRoleKey}}";
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_half_typed_code()
            => Verify.VerifyAnalyzerAsync($$"""
                namespace Chat.Server
                {
                    public static class Broken
                    {
                        public static string A() => "{{Header}}." + {|CS0103:missing|} + ".sig";
                        public static string B() => {|CS0103:Undefined|} + "{{SecretKey.Substring(0, 12)}}";
                        public static string C() => $"{{Header}}.{ {|CS0103:nope|} }.x";
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_key_split_across_a_run_time_concatenation()
            => Verify.VerifyAnalyzerAsync($$"""
                namespace Chat.Tests
                {
                    public static class TokenBuilder
                    {
                        public static string Build(string payload, string signature) => "{{Header}}." + payload + "." + signature;
                    }
                }
                """);

        [Fact]
        public Task Ignores_service_role_claims_in_plain_json()
            => Verify.VerifyAnalyzerAsync("""
                namespace Chat.Tests
                {
                    public static class Claims
                    {
                        public const string ServiceRole = "{\"iss\":\"supabase\",\"role\":\"service_role\"}";
                        public const string Role = "service_role";
                    }
                }
                """);

        // ---- Fixes ----

        [Fact]
        public Task Fix_replaces_the_key_argument_of_the_supabase_client()
            => Verify.VerifyCodeFixAsync($$"""
                using System.Threading.Tasks;
                using Supabase;

                namespace Inventory.Admin
                {
                    public sealed class AdminSync
                    {
                        private readonly Client client;

                        public AdminSync()
                        {
                            client = new Client("{{Url}}", [|"{{ServiceRoleKey}}"|], new SupabaseOptions { AutoConnectRealtime = true });
                        }

                        public Task StartAsync() => client.InitializeAsync();
                    }
                }
                """, $$"""
                using System.Threading.Tasks;
                using Supabase;

                namespace Inventory.Admin
                {
                    public sealed class AdminSync
                    {
                        private readonly Client client;

                        public AdminSync()
                        {
                            client = new Client("{{Url}}", System.Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY") ?? throw new System.InvalidOperationException("SUPABASE_SERVICE_ROLE_KEY is not set."), new SupabaseOptions { AutoConnectRealtime = true });
                        }

                        public Task StartAsync() => client.InitializeAsync();
                    }
                }
                """);

        [Fact]
        public Task Fix_turns_a_const_field_into_static_readonly()
            => Verify.VerifyCodeFixAsync($$"""
                using Supabase;

                namespace Chat.Desktop
                {
                    internal sealed class SupabaseSettings
                    {
                        public const string Url = "{{Url}}";

                        /// <summary>The key.</summary>
                        public const string Key = [|"{{SecretKey}}"|];

                        private readonly Client client = new Client(Url, Key);

                        public Client Client => client;
                    }
                }
                """, """
                using Supabase;

                namespace Chat.Desktop
                {
                    internal sealed class SupabaseSettings
                    {
                        public const string Url = "https://xyzcompanyprojref01.supabase.co";

                        /// <summary>The key.</summary>
                        public static readonly string Key = System.Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY") ?? throw new System.InvalidOperationException("SUPABASE_SERVICE_ROLE_KEY is not set.");

                        private readonly Client client = new Client(Url, Key);

                        public Client Client => client;
                    }
                }
                """);

        [Fact]
        public Task Fix_keeps_a_static_initializer_that_runs_after_the_const()
            => Verify.VerifyCodeFixAsync($$"""
                using Supabase;

                namespace Chat.Desktop
                {
                    internal static class Backend
                    {
                        private const string ServiceKey = [|"{{ServiceRoleKey}}"|];
                        private static readonly Client Admin = new Client("{{Url}}", ServiceKey);

                        public static Client Get() => Admin;
                    }
                }
                """, $$"""
                using Supabase;

                namespace Chat.Desktop
                {
                    internal static class Backend
                    {
                        private static readonly string ServiceKey = System.Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY") ?? throw new System.InvalidOperationException("SUPABASE_SERVICE_ROLE_KEY is not set.");
                        private static readonly Client Admin = new Client("{{Url}}", ServiceKey);

                        public static Client Get() => Admin;
                    }
                }
                """);

        [Fact]
        public Task Fix_is_not_offered_when_an_earlier_static_initializer_reads_the_const()
        {
            const string Source = $$"""
                using Supabase;

                namespace Chat.Desktop
                {
                    internal static class Backend
                    {
                        private static readonly Client Admin = new Client("{{Url}}", ServiceKey);
                        private const string ServiceKey = [|"{{ServiceRoleKey}}"|];

                        public static Client Get() => Admin;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(Source, Source);
        }

        [Fact]
        public Task Fix_turns_a_const_local_into_a_local()
            => Verify.VerifyCodeFixAsync($$"""
                using Supabase;

                namespace Chat.Server
                {
                    public static class Seeder
                    {
                        public static Client Connect()
                        {
                            const string key = [|"{{SupabaseAdminKey}}"|];
                            return new Client("{{Url}}", key);
                        }
                    }
                }
                """, $$"""
                using Supabase;

                namespace Chat.Server
                {
                    public static class Seeder
                    {
                        public static Client Connect()
                        {
                            string key = System.Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY") ?? throw new System.InvalidOperationException("SUPABASE_SERVICE_ROLE_KEY is not set.");
                            return new Client("{{Url}}", key);
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_replaces_a_whole_concatenation()
            => Verify.VerifyCodeFixAsync($$"""
                using Supabase;

                namespace Chat.Desktop
                {
                    public static class ClientFactory
                    {
                        private const string KeyHeader = "{{Header}}";

                        public static Client Create() => new Client("{{Url}}", [|KeyHeader + ".{{ServiceRolePayload}}.{{ServiceRoleSignature}}"|]);
                    }
                }
                """, $$"""
                using Supabase;

                namespace Chat.Desktop
                {
                    public static class ClientFactory
                    {
                        private const string KeyHeader = "{{Header}}";

                        public static Client Create() => new Client("{{Url}}", System.Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY") ?? throw new System.InvalidOperationException("SUPABASE_SERVICE_ROLE_KEY is not set."));
                    }
                }
                """);

        [Fact]
        public Task Fix_is_not_offered_when_the_const_is_used_in_a_switch_case()
        {
            const string Source = $$"""
                using Supabase;

                namespace Chat.Server
                {
                    public static class KeyKinds
                    {
                        public const string ServiceKey = [|"{{ServiceRoleKey}}"|];

                        public static Client Create() => new Client("{{Url}}", ServiceKey);

                        public static string Describe(string key)
                        {
                            switch (key)
                            {
                                case ServiceKey:
                                    return "service";
                                default:
                                    return "other";
                            }
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(Source, Source);
        }

        [Fact]
        public Task Fix_is_not_offered_when_the_const_is_used_in_an_attribute_or_a_default_value()
        {
            const string Source = $$"""
                using System.ComponentModel;

                namespace Chat.Server
                {
                    public static class Settings
                    {
                        public const string ServiceKey = [|"{{SecretKey}}"|];

                        [DefaultValue(ServiceKey)]
                        public static string Key { get; set; } = ServiceKey;

                        public static string Pick(string key = ServiceKey) => key;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(Source, Source);
        }

        [Fact]
        public Task Fix_is_not_offered_where_a_constant_is_required_or_a_string_does_not_fit()
        {
            const string Source = $$"""
                using System;

                namespace Chat.Server
                {
                    [AttributeUsage(AttributeTargets.Method)]
                    public sealed class KeyAttribute : Attribute
                    {
                        public KeyAttribute(string key) => Key = key;

                        public string Key { get; }
                    }

                    public static class Jobs
                    {
                        [Key([|"{{SecretKey}}"|])]
                        public static void Run(string key = [|"{{ServiceRoleKey}}"|])
                        {
                            FormattableString audit = [|$"{{SupabaseAdminKey}}"|];
                            Console.WriteLine(audit);
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(Source, Source);
        }

        [Fact]
        public Task Fix_uses_global_when_system_is_hidden()
            => Verify.VerifyCodeFixAsync($$"""
                namespace Tools
                {
                    using Supabase;

                    public static class ClientFactory
                    {
                        public static Client Create() => new Client("{{Url}}", [|"{{SecretKey}}"|]);
                    }
                }

                namespace Chat.System
                {
                    public static class Environment
                    {
                    }
                }

                namespace Chat.Server
                {
                    public static class Keys
                    {
                        public static string Key() => [|"{{SecretKey}}"|];
                    }
                }
                """, $$"""
                namespace Tools
                {
                    using Supabase;

                    public static class ClientFactory
                    {
                        public static Client Create() => new Client("{{Url}}", System.Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY") ?? throw new System.InvalidOperationException("SUPABASE_SERVICE_ROLE_KEY is not set."));
                    }
                }

                namespace Chat.System
                {
                    public static class Environment
                    {
                    }
                }

                namespace Chat.Server
                {
                    public static class Keys
                    {
                        public static string Key() => global::System.Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY") ?? throw new global::System.InvalidOperationException("SUPABASE_SERVICE_ROLE_KEY is not set.");
                    }
                }
                """);

        [Fact]
        public Task Fix_all_replaces_every_key_across_documents()
        {
            var test = new Verify.Test();
            test.Sources.Add($$"""
                using Supabase;

                namespace Chat.Desktop
                {
                    internal static class Settings
                    {
                        public const string Key = [|"{{SecretKey}}"|];
                        public static readonly string Admin = [|"{{SupabaseAdminKey}}"|];
                        public static Client Create() => new Client("{{Url}}", Key);
                    }
                }
                """);
            test.Sources.Add($$"""
                namespace Chat.Desktop
                {
                    internal static class Legacy
                    {
                        public static string Key() => [|"{{ServiceRoleKey}}"|];
                    }
                }
                """);
            test.FixedSources.Add($$"""
                using Supabase;

                namespace Chat.Desktop
                {
                    internal static class Settings
                    {
                        public static readonly string Key = System.Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY") ?? throw new System.InvalidOperationException("SUPABASE_SERVICE_ROLE_KEY is not set.");
                        public static readonly string Admin = System.Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY") ?? throw new System.InvalidOperationException("SUPABASE_SERVICE_ROLE_KEY is not set.");
                        public static Client Create() => new Client("{{Url}}", Key);
                    }
                }
                """);
            test.FixedSources.Add("""
                namespace Chat.Desktop
                {
                    internal static class Legacy
                    {
                        public static string Key() => System.Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY") ?? throw new System.InvalidOperationException("SUPABASE_SERVICE_ROLE_KEY is not set.");
                    }
                }
                """);
            return test.RunAsync();
        }

        // A concatenation far deeper than a recursive walk may go: the shape checks read it without overflowing the stack,
        // and the key written at its end is still reported.
        [Fact]
        public Task Reads_a_very_long_concatenation_without_failing()
        {
            var terms = string.Join(" + ", System.Linq.Enumerable.Select(System.Linq.Enumerable.Range(0, 20_000), i => i % 2 == 0 ? "\"a b\"" : "name"));
            return AnalyzerVerify.VerifyAnalyzerAsync($$"""
                public static class Report
                {
                    public static string Build(string name) => {{terms}} + [|"{{SecretKey}}"|];
                }
                """);
        }

        // ---- The detector on its own ----

        [Theory]
        [InlineData(ServiceRoleKey, true)]
        [InlineData(SupabaseAdminKey, true)]
        [InlineData(SpacedJsonKey, true)]
        [InlineData(SecretKey, true)]
        [InlineData(AnonKey, false)]
        [InlineData(AuthenticatedToken, false)]
        [InlineData(NestedRoleToken, false)]
        [InlineData(RoleInsideStringToken, false)]
        [InlineData(NumericRoleToken, false)]
        [InlineData(NonJsonPayloadToken, false)]
        [InlineData(TruncatedJsonToken, false)]
        [InlineData(PublishableKey, false)]
        [InlineData("sb_secret_", false)]
        [InlineData("", false)]
        [InlineData(null, false)]
        public void Detector_classifies_keys(string? value, bool expected)
            => Assert.Equal(expected, SupabaseKeys.IsSecretKey(value));

        [Theory]
        [InlineData(ServiceRoleKey, true)]
        [InlineData(SupabaseAdminKey, true)]
        [InlineData(SpacedJsonKey, true)]
        [InlineData(SecretKey, true)]
        [InlineData("eyJhbGciOiJIUzI1NiJ9.e30=", true)]
        [InlineData("Bearer ", false)]
        [InlineData("room:", false)]
        [InlineData("https://", false)]
        public void Key_characters_are_base64url_dots_and_padding(string text, bool expected)
            => Assert.Equal(expected, SupabaseKeys.MayBeInKey(text));

        [Fact]
        public void Detector_never_throws_on_mangled_keys()
        {
            var random = new Random(8);
            var alphabet = "eyJ.AZaz09-_={}\":, sb_secret_\\";
            foreach (var seed in new[] { ServiceRoleKey, SupabaseAdminKey, SecretKey, SpacedJsonKey })
            {
                for (var i = 0; i < 2_000; i++)
                {
                    var text = new StringBuilder(seed);
                    for (var edits = random.Next(1, 6); edits > 0 && text.Length > 0; edits--)
                    {
                        var at = random.Next(text.Length);
                        switch (random.Next(3))
                        {
                            case 0:
                                text.Remove(at, 1);
                                break;
                            case 1:
                                text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                                break;
                            default:
                                text[at] = alphabet[random.Next(alphabet.Length)];
                                break;
                        }
                    }

                    // The analyzer skips folding a constant whose text has a character no key has: no key may have one.
                    var mangled = text.ToString();
                    Assert.True(!SupabaseKeys.IsSecretKey(mangled) || SupabaseKeys.MayBeInKey(mangled), mangled);
                }
            }

            // Payloads that decode to arbitrary bytes.
            var bytes = new byte[64];
            for (var i = 0; i < 5_000; i++)
            {
                random.NextBytes(bytes);
                var payload = Convert.ToBase64String(bytes, 0, random.Next(1, bytes.Length)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                SupabaseKeys.IsSecretKey(Header + "." + payload + "." + ServiceRoleSignature);
                SupabaseKeys.IsSecretKey(Header + ".eyJ" + payload + "." + ServiceRoleSignature);
            }
        }
    }
}
