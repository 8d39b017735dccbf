using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// The conversations with an unsent draft, when each was last changed and how to reach it, kept in storage so
/// reminders still go out after a restart. One small document, changed with <see cref="StorageExtensions.UpdateAsync(IStorage, string, Func{JsonObject?, JsonObject?}, CancellationToken)"/>.
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
        var document = await ReadAsync(cancellationToken);
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

    /// <summary>Applies <paramref name="change"/> to the stored list (re-applied to the newer list if another turn changed it meanwhile).</summary>
    private async Task ChangeAsync(Action<JsonObject> change, CancellationToken cancellationToken) =>
        await storage.UpdateAsync(Key, stored =>
        {
            var document = stored ?? [];
            change(document);
            return document;
        }, cancellationToken);

    private async Task<JsonObject> ReadAsync(CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([Key], cancellationToken);
        return items.TryGetValue(Key, out var item) ? item.Document : [];
    }

    private static string Stamp(DateTimeOffset moment) => moment.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
