using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// The conversations with an unsent draft, when each was last changed and how to reach it, kept in storage so
/// reminders still go out after a restart. One small document; writes use ETags and retry on conflict.
/// </summary>
public sealed class OpenDrafts(IStorage storage)
{
    private const string Key = "drafts/open";

    /// <summary>Records (or updates) a conversation's open draft.</summary>
    public Task TrackAsync(ConversationReference reference, DateTimeOffset updatedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var id = reference.Conversation?.Id ?? throw new ArgumentException("The reference has no conversation.", nameof(reference));
        return ChangeAsync(document =>
        {
            var entry = document[id] as JsonObject ?? [];
            entry["updatedAt"] = Stamp(updatedAt);
            entry["reference"] = JsonSerializer.SerializeToNode(reference, BotJson.Options);
            document[id] = entry;
        }, cancellationToken);
    }

    public Task ForgetAsync(string conversationId, CancellationToken cancellationToken = default) =>
        ChangeAsync(document => document.Remove(conversationId), cancellationToken);

    /// <summary>Drafts unchanged for at least <paramref name="idle"/> that have not had a reminder since they last changed.</summary>
    public async Task<IReadOnlyList<(string ConversationId, ConversationReference Reference, DateTimeOffset UpdatedAt)>> DueAsync(DateTimeOffset now, TimeSpan idle, CancellationToken cancellationToken = default)
    {
        var (document, _) = await ReadAsync(cancellationToken);
        var due = new List<(string, ConversationReference, DateTimeOffset)>();
        foreach (var (id, node) in document)
        {
            if (node is not JsonObject entry || entry["reference"]?.Deserialize<ConversationReference>(BotJson.Options) is not { } reference)
            {
                continue;
            }

            var updatedAt = DateTimeOffset.Parse(entry["updatedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var remindedFor = entry["remindedFor"]?.GetValue<string>();
            if (now - updatedAt >= idle && remindedFor != Stamp(updatedAt))
            {
                due.Add((id, reference, updatedAt));
            }
        }

        return due;
    }

    /// <summary>Notes that the reminder for the draft as it was at <paramref name="updatedAt"/> went out.</summary>
    public Task MarkRemindedAsync(string conversationId, DateTimeOffset updatedAt, CancellationToken cancellationToken = default) =>
        ChangeAsync(document =>
        {
            if (document[conversationId] is JsonObject entry)
            {
                entry["remindedFor"] = Stamp(updatedAt);
            }
        }, cancellationToken);

    private async Task ChangeAsync(Action<JsonObject> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (document, eTag) = await ReadAsync(cancellationToken);
            change(document);
            try
            {
                await storage.WriteAsync(new Dictionary<string, StoreItem> { [Key] = new StoreItem(document, eTag) }, cancellationToken);
                return;
            }
            catch (StorageConcurrencyException)
            {
                // Another turn changed the list meanwhile; apply the change to the newer list.
            }
        }
    }

    private async Task<(JsonObject Document, string? ETag)> ReadAsync(CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([Key], cancellationToken);
        return items.TryGetValue(Key, out var item) ? (item.Document, item.ETag) : (new JsonObject(), null);
    }

    private static string Stamp(DateTimeOffset moment) => moment.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
