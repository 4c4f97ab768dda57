using System;
using System.Collections.ObjectModel;
using System.Threading.Tasks;
using Supabase.Postgrest.Attributes;
using Supabase.Postgrest.Models;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeMisuse
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

    /// <summary>
    /// SRT001: the view model subscribes to the room's messages, then signs the user in. The channel
    /// joins while the realtime client still holds the anon key, so row-level security rejects the
    /// join (CHANNEL_ERROR) or filters every message out: the chat stays empty after login, and
    /// nothing retries the join.
    /// </summary>
    public sealed class ChatViewModel : IDisposable
    {
        private readonly Supabase.Client _supabase;
        private RealtimeChannel? _messages;

        public ChatViewModel(Supabase.Client supabase) => _supabase = supabase;

        public ObservableCollection<ChatMessage> Messages { get; } = new ObservableCollection<ChatMessage>();

        public async Task OpenAsync(string email, string password)
        {
            _messages = _supabase.Realtime.Channel("realtime", "public", "messages");
            _messages.OnPostgresChange(OnMessageInserted, PostgresChangesOptions.ListenType.Inserts);
            await _messages.Subscribe();

            await _supabase.Auth.SignIn(email, password);
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

    /// <summary>
    /// SRT001 across members: the notifications hub subscribes in its constructor, and the app calls
    /// <see cref="OnSignedIn"/> with the user's token later. The "alerts" channel has already joined
    /// as anon by then.
    /// </summary>
    public sealed class AlertsHub : IDisposable
    {
        private readonly Client _realtime;
        private readonly RealtimeChannel _alerts;

        public AlertsHub(Client realtime)
        {
            _realtime = realtime;
            _alerts = _realtime.Channel("alerts");
            _alerts.OnPostgresChange((sender, change) => Console.WriteLine("alert"), PostgresChangesOptions.ListenType.All);
            _ = _alerts.Subscribe();
        }

        public void OnSignedIn(string accessToken) => _realtime.SetAuth(accessToken);

        public void Dispose() => _realtime.Remove(_alerts);
    }
}
