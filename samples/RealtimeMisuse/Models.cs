using System;
using Supabase.Postgrest.Attributes;
using Supabase.Postgrest.Models;

namespace RealtimeSamples
{
    [Table("todos")]
    public class Todo : BaseModel
    {
        [PrimaryKey("id")]
        public long Id { get; set; }

        [Column("title")]
        public string Title { get; set; } = string.Empty;

        [Column("is_complete")]
        public bool IsComplete { get; set; }
    }

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

    [Table("orders")]
    public class Order : BaseModel
    {
        [PrimaryKey("id")]
        public long Id { get; set; }

        [Column("total")]
        public decimal Total { get; set; }
    }

    [Table("scores")]
    public class Score : BaseModel
    {
        [PrimaryKey("player_id")]
        public string PlayerId { get; set; } = string.Empty;

        [Column("points")]
        public int Points { get; set; }
    }

    [Table("daily_stats")]
    public class DailyStats : BaseModel
    {
        [PrimaryKey("day")]
        public DateTime Day { get; set; }

        [Column("signups")]
        public int Signups { get; set; }
    }

    [Table("stock_items")]
    public class StockItem : BaseModel
    {
        [PrimaryKey("id")]
        public long Id { get; set; }

        [Column("sku")]
        public string Sku { get; set; } = string.Empty;

        [Column("quantity")]
        public int Quantity { get; set; }
    }
}
