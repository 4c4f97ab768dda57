#nullable enable
// Compile-only stand-in for the Supabase.Postgrest package (Postgrest 3.3+).
// Define POSTGREST_LEGACY to get the pre-3.3 shape whose root namespace is
// `Postgrest` instead of `Supabase.Postgrest`. Bodies do nothing useful.

using System;
using System.Collections.Generic;
using System.Linq.Expressions;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
#if POSTGREST_LEGACY
using Postgrest.Attributes;
using Postgrest.Interfaces;
using Postgrest.Models;
using Postgrest.Responses;
#else
using Supabase.Postgrest.Attributes;
using Supabase.Postgrest.Interfaces;
using Supabase.Postgrest.Models;
using Supabase.Postgrest.Responses;
#endif

#if POSTGREST_LEGACY
namespace Postgrest
#else
namespace Supabase.Postgrest
#endif
{
    /// <summary>Constants used when building PostgREST queries.</summary>
    public static class Constants
    {
        public enum Operator
        {
            And,
            Or,
            Equals,
            GreaterThan,
            GreaterThanOrEqual,
            LessThan,
            LessThanOrEqual,
            NotEqual,
            Like,
            ILike,
            In,
            Is,
            FTS,
            PLFTS,
            PHFTS,
            WFTS,
            Contains,
            ContainedIn,
            Overlap,
            StrictlyLeft,
            StrictlyRight,
            NotRightOf,
            NotLeftOf,
            Adjacent,
            Not,
        }

        public enum Ordering
        {
            Ascending,
            Descending,
        }

        public enum NullPosition
        {
            First,
            Last,
        }

        public enum CountType
        {
            Exact,
            Planned,
            Estimated,
        }
    }

    /// <summary>Options for the Postgrest client.</summary>
    public class ClientOptions
    {
        public string Schema { get; set; } = "public";

        public Dictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();

        public Dictionary<string, string> QueryParams { get; set; } = new Dictionary<string, string>();
    }

    /// <summary>Options for a single write request.</summary>
    public class QueryOptions
    {
        public enum ReturnType
        {
            Minimal,
            Representation,
        }

        public enum DuplicateResolutionType
        {
            MergeDuplicates,
            IgnoreDuplicates,
        }

        public ReturnType Returning { get; set; } = ReturnType.Representation;

        public DuplicateResolutionType DuplicateResolution { get; set; } = DuplicateResolutionType.MergeDuplicates;

        public string? OnConflict { get; set; }

        public bool Upsert { get; set; }
    }

    /// <summary>The Postgrest client.</summary>
    public class Client : IPostgrestClient
    {
        public Client(string baseUrl, ClientOptions? options = null)
        {
            BaseUrl = baseUrl;
            Options = options ?? new ClientOptions();
        }

        public string BaseUrl { get; }

        public ClientOptions Options { get; }

        public IPostgrestTable<T> Table<T>() where T : BaseModel, new() => throw null!;

        public Task<BaseResponse> Rpc(string procedureName, object? parameters = null) => throw null!;
    }

    /// <summary>A query builder over one table.</summary>
    public class Table<TModel> : IPostgrestTable<TModel> where TModel : BaseModel, new()
    {
        public Table(string baseUrl, ClientOptions? options = null)
        {
            BaseUrl = baseUrl;
            Options = options ?? new ClientOptions();
        }

        public string BaseUrl { get; }

        public ClientOptions Options { get; }

        public string TableName => typeof(TModel).Name;

        public IPostgrestTable<TModel> Columns(string[] columns) => throw null!;

        public IPostgrestTable<TModel> Filter(string columnName, Constants.Operator op, object? criterion) => throw null!;

        public IPostgrestTable<TModel> Filter(Expression<Func<TModel, object>> predicate, Constants.Operator op, object? criterion) => throw null!;

        public IPostgrestTable<TModel> Limit(int limit, string? foreignTable = null) => throw null!;

        public IPostgrestTable<TModel> Match(TModel model) => throw null!;

        public IPostgrestTable<TModel> Match(Dictionary<string, string> query) => throw null!;

        public IPostgrestTable<TModel> Not(string columnName, Constants.Operator op, object? criterion) => throw null!;

        public IPostgrestTable<TModel> Offset(int offset, string? foreignTable = null) => throw null!;

        public IPostgrestTable<TModel> OnConflict(string columnName) => throw null!;

        public IPostgrestTable<TModel> Order(string column, Constants.Ordering ordering, Constants.NullPosition nullPosition = Constants.NullPosition.First) => throw null!;

        public IPostgrestTable<TModel> Order(Expression<Func<TModel, object>> predicate, Constants.Ordering ordering, Constants.NullPosition nullPosition = Constants.NullPosition.First) => throw null!;

        public IPostgrestTable<TModel> Range(int from) => throw null!;

        public IPostgrestTable<TModel> Range(int from, int to) => throw null!;

        public IPostgrestTable<TModel> Select(string columnQuery) => throw null!;

        public IPostgrestTable<TModel> Select(Expression<Func<TModel, object[]>> predicate) => throw null!;

        public IPostgrestTable<TModel> Set(Expression<Func<TModel, object>> keySelector, object? value) => throw null!;

        public IPostgrestTable<TModel> Set(Expression<Func<TModel, KeyValuePair<object, object?>>> keyValuePairExpression) => throw null!;

        public IPostgrestTable<TModel> Where(Expression<Func<TModel, bool>> predicate) => throw null!;

        public Task<int> Count(Constants.CountType type, CancellationToken cancellationToken = default) => throw null!;

        public Task Delete(QueryOptions? options = null, CancellationToken cancellationToken = default) => throw null!;

        public Task<ModeledResponse<TModel>> Delete(TModel model, QueryOptions? options = null, CancellationToken cancellationToken = default) => throw null!;

        public Task<ModeledResponse<TModel>> Get(CancellationToken cancellationToken = default) => throw null!;

        public Task<ModeledResponse<TModel>> Insert(TModel model, QueryOptions? options = null, CancellationToken cancellationToken = default) => throw null!;

        public Task<ModeledResponse<TModel>> Insert(ICollection<TModel> models, QueryOptions? options = null, CancellationToken cancellationToken = default) => throw null!;

        public Task<TModel?> Single(CancellationToken cancellationToken = default) => throw null!;

        public Task<ModeledResponse<TModel>> Update(TModel model, QueryOptions? options = null, CancellationToken cancellationToken = default) => throw null!;

        public Task<ModeledResponse<TModel>> Update(QueryOptions? options = null, CancellationToken cancellationToken = default) => throw null!;

        public Task<ModeledResponse<TModel>> Upsert(TModel model, QueryOptions? options = null, CancellationToken cancellationToken = default) => throw null!;

        public Task<ModeledResponse<TModel>> Upsert(ICollection<TModel> models, QueryOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
    }
}

#if POSTGREST_LEGACY
namespace Postgrest.Attributes
#else
namespace Supabase.Postgrest.Attributes
#endif
{
    /// <summary>Maps a model class to a table.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
    public class TableAttribute : Attribute
    {
        public TableAttribute(string name)
        {
            Name = name;
        }

        public string Name { get; set; }
    }

    /// <summary>Marks the property that holds (part of) the primary key.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
    public class PrimaryKeyAttribute : Attribute
    {
        public PrimaryKeyAttribute(string columnName, bool shouldInsert = false)
        {
            ColumnName = columnName;
            ShouldInsert = shouldInsert;
        }

        public string ColumnName { get; set; }

        public bool ShouldInsert { get; set; }
    }

    /// <summary>Maps a property to a column.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
    public class ColumnAttribute : Attribute
    {
        public ColumnAttribute(string name, bool ignoreOnInsert = false, bool ignoreOnUpdate = false)
        {
            ColumnName = name;
            IgnoreOnInsert = ignoreOnInsert;
            IgnoreOnUpdate = ignoreOnUpdate;
        }

        public string ColumnName { get; set; }

        public bool IgnoreOnInsert { get; set; }

        public bool IgnoreOnUpdate { get; set; }
    }
}

#if POSTGREST_LEGACY
namespace Postgrest.Models
#else
namespace Supabase.Postgrest.Models
#endif
{
    /// <summary>Base class of every Postgrest model.</summary>
    public abstract class BaseModel
    {
        public string? BaseUrl { get; set; }

        public ClientOptions? RequestClientOptions { get; set; }

        public virtual string TableName => GetType().Name;

        public virtual Dictionary<PrimaryKeyAttribute, object> PrimaryKey => throw null!;

        public virtual Task<ModeledResponse<T>> Update<T>(CancellationToken cancellationToken = default) where T : BaseModel, new() => throw null!;

        public virtual Task Delete<T>(CancellationToken cancellationToken = default) where T : BaseModel, new() => throw null!;
    }
}

#if POSTGREST_LEGACY
namespace Postgrest.Responses
#else
namespace Supabase.Postgrest.Responses
#endif
{
    /// <summary>A raw response.</summary>
    public class BaseResponse
    {
        public HttpResponseMessage? ResponseMessage { get; set; }

        public string? Content { get; set; }

        public ClientOptions? ClientOptions { get; set; }
    }

    /// <summary>A response whose content was deserialized into models.</summary>
    public class ModeledResponse<T> : BaseResponse
    {
        public List<T> Models { get; } = new List<T>();

        public T? Model => Models.Count > 0 ? Models[0] : default;
    }
}

#if POSTGREST_LEGACY
namespace Postgrest.Interfaces
#else
namespace Supabase.Postgrest.Interfaces
#endif
{
    /// <summary>The Postgrest client's contract.</summary>
    public interface IPostgrestClient
    {
        string BaseUrl { get; }

        ClientOptions Options { get; }

        IPostgrestTable<T> Table<T>() where T : BaseModel, new();

        Task<BaseResponse> Rpc(string procedureName, object? parameters = null);
    }

    /// <summary>A query builder over one table.</summary>
    public interface IPostgrestTable<TModel> where TModel : BaseModel, new()
    {
        string BaseUrl { get; }

        string TableName { get; }

        IPostgrestTable<TModel> Columns(string[] columns);

        IPostgrestTable<TModel> Filter(string columnName, Constants.Operator op, object? criterion);

        IPostgrestTable<TModel> Filter(Expression<Func<TModel, object>> predicate, Constants.Operator op, object? criterion);

        IPostgrestTable<TModel> Limit(int limit, string? foreignTable = null);

        IPostgrestTable<TModel> Match(TModel model);

        IPostgrestTable<TModel> Match(Dictionary<string, string> query);

        IPostgrestTable<TModel> Not(string columnName, Constants.Operator op, object? criterion);

        IPostgrestTable<TModel> Offset(int offset, string? foreignTable = null);

        IPostgrestTable<TModel> OnConflict(string columnName);

        IPostgrestTable<TModel> Order(string column, Constants.Ordering ordering, Constants.NullPosition nullPosition = Constants.NullPosition.First);

        IPostgrestTable<TModel> Order(Expression<Func<TModel, object>> predicate, Constants.Ordering ordering, Constants.NullPosition nullPosition = Constants.NullPosition.First);

        IPostgrestTable<TModel> Range(int from);

        IPostgrestTable<TModel> Range(int from, int to);

        IPostgrestTable<TModel> Select(string columnQuery);

        IPostgrestTable<TModel> Select(Expression<Func<TModel, object[]>> predicate);

        IPostgrestTable<TModel> Set(Expression<Func<TModel, object>> keySelector, object? value);

        IPostgrestTable<TModel> Set(Expression<Func<TModel, KeyValuePair<object, object?>>> keyValuePairExpression);

        IPostgrestTable<TModel> Where(Expression<Func<TModel, bool>> predicate);

        Task<int> Count(Constants.CountType type, CancellationToken cancellationToken = default);

        Task Delete(QueryOptions? options = null, CancellationToken cancellationToken = default);

        Task<ModeledResponse<TModel>> Delete(TModel model, QueryOptions? options = null, CancellationToken cancellationToken = default);

        Task<ModeledResponse<TModel>> Get(CancellationToken cancellationToken = default);

        Task<ModeledResponse<TModel>> Insert(TModel model, QueryOptions? options = null, CancellationToken cancellationToken = default);

        Task<ModeledResponse<TModel>> Insert(ICollection<TModel> models, QueryOptions? options = null, CancellationToken cancellationToken = default);

        Task<TModel?> Single(CancellationToken cancellationToken = default);

        Task<ModeledResponse<TModel>> Update(TModel model, QueryOptions? options = null, CancellationToken cancellationToken = default);

        Task<ModeledResponse<TModel>> Update(QueryOptions? options = null, CancellationToken cancellationToken = default);

        Task<ModeledResponse<TModel>> Upsert(TModel model, QueryOptions? options = null, CancellationToken cancellationToken = default);

        Task<ModeledResponse<TModel>> Upsert(ICollection<TModel> models, QueryOptions? options = null, CancellationToken cancellationToken = default);
    }
}
