using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// The conversations with an unsent draft, when each was last changed and how to reach it, kept in storage so
/// reminders still go out after a restart. One small item per conversation (<c>drafts/open/{conversation}</c>), written
/// only by that conversation's turns and found by listing the prefix: no document that every conversation rewrites.
/// A list stored by an earlier version in one document (<c>drafts/open</c>) is split into items the first time it is read.
/// </summary>
public sealed class OpenDrafts(IStorage storage)
{
    private const string Prefix = "drafts/open/";
    private const string EarlierListKey = "drafts/open";

    /// <summary>
    /// How far the stored time of a draft may lag its real last change: a conversation rewrites its item only when its
    /// draft has changed this much since the time stored, so a turn of the report flow writes nothing but its own
    /// conversation's state (a quarter of the reminder's wait, at most five minutes). The reminder reads the draft
    /// itself before it is sent, so none comes early.
    /// </summary>
    public static TimeSpan Precision(TimeSpan idle) => TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, idle.Ticks / 4));

    /// <summary>Records (or updates) a conversation's open draft.</summary>
    public async Task TrackAsync(ConversationReference reference, DateTimeOffset updatedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var id = reference.Conversation?.Id ?? throw new ArgumentException("The reference has no conversation.", nameof(reference));
        await storage.UpdateAsync(Key(id), stored =>
        {
            var entry = stored ?? [];
            entry["updatedAt"] = Stamp(updatedAt);
            entry["reference"] = JsonSerializer.SerializeToNode(reference, BotJson.Options);
            return entry;
        }, cancellationToken);
    }

    public Task ForgetAsync(string conversationId, CancellationToken cancellationToken = default) =>
        storage.DeleteAsync([Key(conversationId)], cancellationToken);

    /// <summary>
    /// Drafts whose stored time is at least <paramref name="idle"/> ago and that have not had a reminder since: the
    /// candidates. The stored time may lag the draft's real last change by up to <see cref="Precision"/>, so the
    /// reminder checks the draft itself before it is sent.
    /// </summary>
    public async Task<IReadOnlyList<(string ConversationId, ConversationReference Reference, DateTimeOffset UpdatedAt)>> DueAsync(DateTimeOffset now, TimeSpan idle, CancellationToken cancellationToken = default)
    {
        await SplitEarlierListAsync(cancellationToken);
        var due = new List<(string, ConversationReference, DateTimeOffset)>();
        foreach (var batch in (await storage.ListKeysAsync(Prefix, cancellationToken)).Chunk(200))
        {
            foreach (var (key, item) in await storage.ReadAsync(batch, cancellationToken))
            {
                if (item.Document["reference"]?.Deserialize<ConversationReference>(BotJson.Options) is not { } reference
                    || item.Document["updatedAt"]?.GetValue<string>() is not { } stamp)
                {
                    continue;
                }

                var updatedAt = DateTimeOffset.Parse(stamp, CultureInfo.InvariantCulture);
                if (now - updatedAt >= idle && item.Document["remindedFor"]?.GetValue<string>() != Stamp(updatedAt))
                {
                    due.Add((key[Prefix.Length..], reference, updatedAt));
                }
            }
        }

        return due;
    }

    /// <summary>
    /// Drafts whose stored time is at least <paramref name="idle"/> ago (retention: the warning and the purge), each with
    /// whether its author was already warned about the draft as it was then. The retention pass checks the draft itself.
    /// </summary>
    public async Task<IReadOnlyList<(string ConversationId, ConversationReference Reference, DateTimeOffset UpdatedAt, bool Warned)>> IdleAsync(DateTimeOffset now, TimeSpan idle, CancellationToken cancellationToken = default)
    {
        await SplitEarlierListAsync(cancellationToken);
        var idleDrafts = new List<(string, ConversationReference, DateTimeOffset, bool)>();
        foreach (var batch in (await storage.ListKeysAsync(Prefix, cancellationToken)).Chunk(200))
        {
            foreach (var (key, item) in await storage.ReadAsync(batch, cancellationToken))
            {
                if (item.Document["reference"]?.Deserialize<ConversationReference>(BotJson.Options) is { } reference
                    && item.Document["updatedAt"]?.GetValue<string>() is { } stamp
                    && DateTimeOffset.Parse(stamp, CultureInfo.InvariantCulture) is var updatedAt
                    && now - updatedAt >= idle)
                {
                    idleDrafts.Add((key[Prefix.Length..], reference, updatedAt, item.Document["warnedFor"]?.GetValue<string>() == Stamp(updatedAt)));
                }
            }
        }

        return idleDrafts;
    }

    /// <summary>Notes that the author was warned the draft as it was at <paramref name="updatedAt"/> will be deleted.</summary>
    public async Task MarkWarnedAsync(string conversationId, DateTimeOffset updatedAt, CancellationToken cancellationToken = default) =>
        await storage.UpdateAsync(Key(conversationId), stored =>
        {
            if (stored is not null)
            {
                stored["warnedFor"] = Stamp(updatedAt);
            }

            return stored;
        }, cancellationToken);

    /// <summary>Notes that the reminder for the draft as it was at <paramref name="updatedAt"/> went out (nothing when the draft is gone).</summary>
    public async Task MarkRemindedAsync(string conversationId, DateTimeOffset updatedAt, CancellationToken cancellationToken = default) =>
        await storage.UpdateAsync(Key(conversationId), stored =>
        {
            if (stored is not null)
            {
                stored["remindedFor"] = Stamp(updatedAt);
            }

            return stored;
        }, cancellationToken);

    /// <summary>An earlier version's single list: each entry becomes its own item (an item written since is kept), then the list goes.</summary>
    private async Task SplitEarlierListAsync(CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([EarlierListKey], cancellationToken);
        if (!items.TryGetValue(EarlierListKey, out var list))
        {
            return;
        }

        foreach (var (id, entry) in list.Document)
        {
            if (entry is JsonObject value)
            {
                await storage.UpdateAsync(Key(id), stored => stored ?? (JsonObject)value.DeepClone(), cancellationToken);
            }
        }

        await storage.DeleteAsync([EarlierListKey], cancellationToken);
    }

    private static string Key(string conversationId) => Prefix + conversationId;

    private static string Stamp(DateTimeOffset moment) => moment.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
