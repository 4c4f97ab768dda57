using Supabase.Postgrest.Attributes;
using Supabase.Postgrest.Models;

namespace BlazorRealtime.Data
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

    [Table("activity")]
    public class ActivityEntry : BaseModel
    {
        [PrimaryKey("id")]
        public long Id { get; set; }

        [Column("summary")]
        public string Summary { get; set; } = string.Empty;
    }
}
