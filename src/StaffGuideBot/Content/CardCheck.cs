using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Content;

/// <summary>
/// <c>content validate</c>'s check of every card a pack produces (<see cref="ContentPreview.Cards"/>, with sample
/// answers): each must be a valid Adaptive Card 1.5, the newest version Teams renders, and small enough to send.
/// </summary>
/// <remarks>
/// The official schema is not copied into the repository. It is read from, in order: <c>Content:CardSchema</c> (a
/// file, or an http(s) address) when set; <c>../shared/schemas/adaptive-card-1.5.schema.json</c> beside the
/// repository (development and CI); else it is downloaded from <see cref="SchemaUrl"/>, where the Adaptive Cards
/// project publishes it. When none can be read the cards are not checked, which <c>content validate</c> reports as
/// a warning (so <c>--strict</c> fails).
/// </remarks>
public static class CardCheck
{
    public const string SchemaFileName = "adaptive-card-1.5.schema.json";

    /// <summary>The most bytes a card's JSON may have (<see cref="CardElements.MaxCardBytes"/>).</summary>
    public const int MaxCardBytes = CardElements.MaxCardBytes;

    /// <summary>The official Adaptive Card 1.5 schema.</summary>
    public static readonly Uri SchemaUrl = new("https://adaptivecards.io/schemas/1.5.0/adaptive-card.json");

    /// <summary>The highest card version Teams supports.</summary>
    public static readonly Version MaxVersion = new(1, 5);

    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Downloads text over HTTP(S), giving up after 15 seconds.</summary>
    public static async Task<string> DownloadAsync(Uri address, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = DownloadTimeout };
        return await http.GetStringAsync(address, cancellationToken);
    }

    /// <summary>
    /// The Adaptive Card 1.5 schema (see the remarks of <see cref="CardCheck"/> for where it is looked for).
    /// <paramref name="configured"/> is <c>Content:CardSchema</c>, a file (relative to <paramref name="baseDirectory"/>)
    /// or an address; <paramref name="repositoryRoot"/> is the repository the app runs in, if any.
    /// </summary>
    public static async Task<CardSchemaSource> LoadSchemaAsync(
        string? configured,
        string baseDirectory,
        string? repositoryRoot,
        Func<Uri, CancellationToken, Task<string>> download,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(download);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (Uri.TryCreate(configured, UriKind.Absolute, out var address) && (address.Scheme == Uri.UriSchemeHttps || address.Scheme == Uri.UriSchemeHttp))
            {
                return await DownloadSchemaAsync(address, download, "Content:CardSchema ", cancellationToken);
            }

            var file = Path.GetFullPath(configured, baseDirectory);
            return File.Exists(file)
                ? await ReadSchemaAsync(file, cancellationToken)
                : new CardSchemaSource(null, $"Content:CardSchema {file} does not exist");
        }

        string? shared = null;
        if (repositoryRoot is not null)
        {
            shared = Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "schemas", SchemaFileName));
            if (File.Exists(shared))
            {
                return await ReadSchemaAsync(shared, cancellationToken);
            }
        }

        var downloaded = await DownloadSchemaAsync(SchemaUrl, download, string.Empty, cancellationToken);
        return downloaded.Schema is null && shared is not null
            ? downloaded with { Where = $"{shared} does not exist, and {downloaded.Where}" }
            : downloaded;
    }

    /// <summary>
    /// Problems with one card, each as "path: message" (the path as in JSON Schema errors, <c>#/body[2].text</c>);
    /// empty when it is a valid Adaptive Card 1.5 of at most <see cref="MaxCardBytes"/> bytes. The card is not changed.
    /// </summary>
    /// <remarks>
    /// The pure schema has no top-level <c>msteams</c> (Teams' extras, such as <c>"width": "Full"</c>) and forbids
    /// properties it does not know, so <c>msteams</c> is checked to be an object and left out of the schema check. The
    /// schema does not require the <c>version</c> a top-level card must have, so that is checked here too.
    /// </remarks>
    public static IReadOnlyList<string> Check(JsonSchema schema, JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(card);
        var problems = new List<string>();
        var json = card.ToJsonString();
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > MaxCardBytes)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"#: the card is {bytes} bytes; Teams refuses a message over about 28 KB, so a card may have at most {MaxCardBytes} bytes"));
        }

        if (card["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String || type.GetValue<string>() != "AdaptiveCard")
        {
            problems.Add($"#/type: must be \"AdaptiveCard\", not {card["type"]?.ToJsonString() ?? "nothing"}");
        }

        if (card["version"] is not JsonValue version || version.GetValueKind() != JsonValueKind.String)
        {
            problems.Add($"#/version: a card needs a version such as \"{MaxVersion}\", not {card["version"]?.ToJsonString() ?? "nothing"}");
        }
        else if (!Version.TryParse(version.GetValue<string>(), out var parsed) || parsed > MaxVersion)
        {
            problems.Add($"#/version: must be at most \"{MaxVersion}\", the newest version Teams renders, not \"{version.GetValue<string>()}\"");
        }

        var copy = (JsonObject)card.DeepClone();
        if (copy["msteams"] is { } msteams)
        {
            if (msteams is not JsonObject)
            {
                problems.Add("#/msteams: must be an object");
            }

            copy.Remove("msteams");
        }

        problems.AddRange(JsonSchemaErrors.Validate(schema, JsonSchemaErrors.Parse(copy.ToJsonString())).Select(e => $"{e.Path}: {e.Message}"));
        return problems;
    }

    private static async Task<CardSchemaSource> ReadSchemaAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            return new CardSchemaSource(await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(file, cancellationToken), cancellationToken), file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Newtonsoft.Json.JsonException)
        {
            return new CardSchemaSource(null, $"{file} could not be read: {ex.Message}");
        }
    }

    private static async Task<CardSchemaSource> DownloadSchemaAsync(Uri address, Func<Uri, CancellationToken, Task<string>> download, string what, CancellationToken cancellationToken)
    {
        try
        {
            return new CardSchemaSource(await JsonSchema.FromJsonAsync(await download(address, cancellationToken), cancellationToken), address.ToString());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Newtonsoft.Json.JsonException or IOException)
        {
            var why = ex is TaskCanceledException ? "no answer in time" : ex.Message;
            return new CardSchemaSource(null, $"{what}{address} could not be downloaded: {why}");
        }
    }
}
