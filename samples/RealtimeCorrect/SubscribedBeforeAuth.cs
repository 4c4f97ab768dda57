using System;
using System.Collections.ObjectModel;
using System.Threading.Tasks;
using Supabase.Postgrest.Attributes;
using Supabase.Postgrest.Models;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeCorrect
{
    /// <summary>A chat message row; row-level security lets members of a room read its messages.</summary>
    [Table("messages")]
    public class ChatMessage : BaseModel
    {
        [PrimaryKey("id")]
        public long Id { get; set; }

        [Column("room_id")]
        public long RoomId { get; set; }

        [Column("body")]
        public string Body { get; set; } = string.Empty;
    }

    /// <summary>Signs in first, so the channel joins with the user's token and row-level security lets it through.</summary>
    public sealed class ChatViewModel : IDisposable
    {
        private readonly Supabase.Client _supabase;
        private RealtimeChannel? _messages;

        public ChatViewModel(Supabase.Client supabase) => _supabase = supabase;

        public ObservableCollection<ChatMessage> Messages { get; } = new ObservableCollection<ChatMessage>();

        public async Task OpenAsync(string email, string password)
        {
            await _supabase.Auth.SignIn(email, password);

            _messages = _supabase.Realtime.Channel("realtime", "public", "messages");
            _messages.OnPostgresChange(OnMessageInserted, PostgresChangesOptions.ListenType.Inserts);
            await _messages.Subscribe();
        }

        public void Dispose()
        {
            if (_messages != null)
            {
                _supabase.Realtime.Remove(_messages);
            }
        }

        private void OnMessageInserted(IRealtimeChannel sender, PostgresChangesResponse change)
        {
            if (change.Model<ChatMessage>() is { } message)
            {
                Messages.Add(message);
            }
        }
    }

    /// <summary>Subscribes once the user's token is known, not in the constructor.</summary>
    public sealed class AlertsHub : IDisposable
    {
        private readonly Client _realtime;
        private RealtimeChannel? _alerts;

        public AlertsHub(Client realtime) => _realtime = realtime;

        public async Task OnSignedInAsync(string accessToken)
        {
            _realtime.SetAuth(accessToken);
            _alerts = _realtime.Channel("alerts");
            _alerts.OnPostgresChange((sender, change) => Console.WriteLine("alert"), PostgresChangesOptions.ListenType.All);
            await _alerts.Subscribe();
        }

        public void Dispose()
        {
            if (_alerts != null)
            {
                _realtime.Remove(_alerts);
            }
        }
    }
}
