using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.State;

/// <summary>
/// State scoped to something in the turn (a conversation, a user), loaded once per turn, kept as live objects
/// during the turn (so changes to an object read through an accessor are kept) and written back on save
/// only when it changed.
/// </summary>
public abstract class BotState
{
    private readonly string _turnStateKey;

    protected BotState(IStorage storage, string name)
    {
        Storage = storage;
        _turnStateKey = "BotState:" + name;
    }

    protected IStorage Storage { get; }

    public IStatePropertyAccessor<T> CreateProperty<T>(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new StatePropertyAccessor<T>(this, name);
    }

    /// <summary>The storage key for the turn; null when the turn has nothing to key state on.</summary>
    protected abstract string? GetStorageKey(ITurnContext turnContext);

    public async Task LoadAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        if (!force && turnContext.TurnState.Get<CachedState>(_turnStateKey) is not null)
        {
            return;
        }

        var key = RequireKey(turnContext);
        var items = await Storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
        // State not stored yet is created, never overwritten: of two first turns at once, only one can save.
        var cached = items.TryGetValue(key, out var item)
            ? new CachedState(item.StoredJson ?? item.Document.ToJsonString(), item.ETag)
            : new CachedState("{}", StoreItem.CreateOnly);
        turnContext.TurnState.Set(_turnStateKey, cached);
    }

    /// <summary>Writes the state back if anything changed in this turn (or always, with <paramref name="force"/>).</summary>
    public async Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        var cached = turnContext.TurnState.Get<CachedState>(_turnStateKey);
        if (cached is null)
        {
            return;
        }

        var json = cached.ToJson();
        if (!force && json == cached.LoadedJson)
        {
            return;
        }

        // The item is the JSON just made: the storage writes it as it is.
        var item = new StoreItem(json, cached.ETag, stored: false);
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { [RequireKey(turnContext)] = item }, cancellationToken).ConfigureAwait(false);
        cached.Saved(json, item.ETag);
    }

    /// <summary>Empties the state in this turn; the empty state is written on the next save.</summary>
    public async Task ClearStateAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await LoadAsync(turnContext, cancellationToken: cancellationToken).ConfigureAwait(false);
        turnContext.TurnState.Get<CachedState>(_turnStateKey)!.Clear();
    }

    internal async Task<(bool Found, T? Value)> GetPropertyAsync<T>(ITurnContext turnContext, string name, CancellationToken cancellationToken)
    {
        await LoadAsync(turnContext, cancellationToken: cancellationToken).ConfigureAwait(false);
        return turnContext.TurnState.Get<CachedState>(_turnStateKey)!.Get<T>(name);
    }

    internal async Task SetPropertyAsync<T>(ITurnContext turnContext, string name, T value, CancellationToken cancellationToken)
    {
        await LoadAsync(turnContext, cancellationToken: cancellationToken).ConfigureAwait(false);
        turnContext.TurnState.Get<CachedState>(_turnStateKey)!.Set(name, value);
    }

    internal async Task DeletePropertyAsync(ITurnContext turnContext, string name, CancellationToken cancellationToken)
    {
        await LoadAsync(turnContext, cancellationToken: cancellationToken).ConfigureAwait(false);
        turnContext.TurnState.Get<CachedState>(_turnStateKey)!.Delete(name);
    }

    private string RequireKey(ITurnContext turnContext) =>
        GetStorageKey(turnContext)
        ?? throw new InvalidOperationException($"{GetType().Name}: the activity has no channel, conversation or user to key state on.");

    /// <summary>One turn's copy of the state: the stored document plus the live objects handed out this turn.</summary>
    /// <remarks><paramref name="json"/> is the document as stored (the store's text, so not serialized again here).</remarks>
    private sealed class CachedState(string json, string? eTag)
    {
        private readonly Dictionary<string, (object? Value, Type Type)> _live = new(StringComparer.Ordinal);

        /// <summary>The properties as stored, read where they lie: those not handed out are written back byte for byte.</summary>
        private JsonElement _stored = Parse(json);

        private readonly HashSet<string> _deleted = new(StringComparer.Ordinal);

        public string? ETag { get; private set; } = eTag;

        public string LoadedJson { get; private set; } = json;

        public (bool, T?) Get<T>(string name)
        {
            if (_live.TryGetValue(name, out var live))
            {
                return (true, (T?)live.Value);
            }

            if (_deleted.Contains(name) || !_stored.TryGetProperty(name, out var stored))
            {
                return (false, default);
            }

            var value = stored.ValueKind == JsonValueKind.Null ? default : stored.Deserialize<T>(BotJson.Options);
            _live[name] = (value, typeof(T));
            return (true, value);
        }

        public void Set<T>(string name, T value) => _live[name] = (value, typeof(T));

        public void Delete(string name)
        {
            _live.Remove(name);
            _deleted.Add(name);
        }

        public void Clear()
        {
            _live.Clear();
            _deleted.Clear();
            _stored = Empty;
        }

        /// <summary>A buffer per thread for <see cref="ToJson"/> (which never awaits), so a save allocates only the text it makes.</summary>
        [ThreadStatic]
        private static ArrayBufferWriter<byte>? t_buffer;

        /// <summary>
        /// The state as JSON, written straight out in the order it was stored: a property not handed out this turn
        /// exactly as it was stored, a live object serialized in its place, then properties new this turn. So a turn
        /// that changes nothing makes the text it read, and nothing is written.
        /// </summary>
        public string ToJson()
        {
            var buffer = t_buffer ??= new ArrayBufferWriter<byte>();
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var property in _stored.EnumerateObject())
                {
                    if (_live.TryGetValue(property.Name, out var live))
                    {
                        writer.WritePropertyName(property.Name);
                        JsonSerializer.Serialize(writer, live.Value, live.Type, BotJson.Options);
                    }
                    else if (!_deleted.Contains(property.Name))
                    {
                        writer.WritePropertyName(property.Name);
                        writer.WriteRawValue(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(property.Value), skipInputValidation: true);
                    }
                }

                foreach (var (name, (value, type)) in _live)
                {
                    if (!_stored.TryGetProperty(name, out _))
                    {
                        writer.WritePropertyName(name);
                        JsonSerializer.Serialize(writer, value, type, BotJson.Options);
                    }
                }

                writer.WriteEndObject();
            }

            var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
            if (buffer.Capacity > MaxKeptBuffer)
            {
                t_buffer = null;
            }

            return text;
        }

        /// <summary>A thread keeps its buffer up to this size (an unusually large state's buffer is let go).</summary>
        private const int MaxKeptBuffer = 256 * 1024;

        public void Saved(string savedJson, string? newETag)
        {
            LoadedJson = savedJson;
            ETag = newETag;
        }

        private static readonly JsonElement Empty = JsonSerializer.Deserialize<JsonElement>("{}");

        /// <summary>The stored text as an object (text that isn't one reads as an empty state, as before).</summary>
        private static JsonElement Parse(string text) =>
            JsonSerializer.Deserialize<JsonElement>(text) is { ValueKind: JsonValueKind.Object } element ? element : Empty;
    }
}

internal sealed class StatePropertyAccessor<T>(BotState state, string name) : IStatePropertyAccessor<T>
{
    public string Name { get; } = name;

    public async Task<T?> GetAsync(ITurnContext turnContext, Func<T>? defaultValueFactory = null, CancellationToken cancellationToken = default)
    {
        var (found, value) = await state.GetPropertyAsync<T>(turnContext, Name, cancellationToken).ConfigureAwait(false);
        if (found || defaultValueFactory is null)
        {
            return value;
        }

        var created = defaultValueFactory();
        await state.SetPropertyAsync(turnContext, Name, created, cancellationToken).ConfigureAwait(false);
        return created;
    }

    public Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default) =>
        state.SetPropertyAsync(turnContext, Name, value, cancellationToken);

    public Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
        state.DeletePropertyAsync(turnContext, Name, cancellationToken);
}
