using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StaffGuideBot.Manifest;

/// <summary>
/// Builds the Teams app package: a zip holding <c>manifest.json</c> (with the app id filled in),
/// <c>color.png</c> and <c>outline.png</c> at its root, which is what Teams (and the Developer Portal) accept
/// as an uploaded custom app.
/// </summary>
/// <remarks>
/// The manifest template in the repository's <c>manifest/</c> folder carries the placeholder
/// <see cref="AppIdPlaceholder"/> wherever the bot's Entra application (client) id goes (the app <c>id</c> and
/// <c>bots[].botId</c>); the schema requires a GUID there, so the template itself is never valid until packaged.
/// </remarks>
public sealed class ManifestPackager
{
    /// <summary>The placeholder replaced by the app id (configuration key <c>MicrosoftAppId</c>).</summary>
    public const string AppIdPlaceholder = "{{MicrosoftAppId}}";

    public const string ManifestFileName = "manifest.json";
    public const string ColorIconFileName = "color.png";
    public const string OutlineIconFileName = "outline.png";

    /// <summary>Pixel size Teams requires for the full-colour icon.</summary>
    public const int ColorIconSize = 192;

    /// <summary>Pixel size Teams requires for the white-on-transparent outline icon.</summary>
    public const int OutlineIconSize = 32;

    // Fixed entry time so that the same inputs give a byte-identical package.
    private static readonly DateTimeOffset EntryTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly JsonSerializerOptions OutputOptions = new()
    {
        WriteIndented = true,
        // Keep apostrophes and the like readable in the packaged manifest ("I've heard something").
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public ManifestPackager(string manifestDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifestDirectory);
        ManifestDirectory = Path.GetFullPath(manifestDirectory);
    }

    /// <summary>The folder holding <c>manifest.json</c>, <c>color.png</c> and <c>outline.png</c>.</summary>
    public string ManifestDirectory { get; }

    /// <summary>The names of the files in the package, in the order they are written.</summary>
    public static IReadOnlyList<string> PackageFileNames { get; } = [ManifestFileName, ColorIconFileName, OutlineIconFileName];

    /// <summary>
    /// Parses an app id as Teams wants it: a GUID in the 8-4-4-4-12 form. Returns it in lower case.
    /// </summary>
    public static bool TryNormalizeAppId(string? value, out string appId)
    {
        if (Guid.TryParseExact(value?.Trim(), "D", out var guid) && guid != Guid.Empty)
        {
            appId = guid.ToString("D");
            return true;
        }

        appId = string.Empty;
        return false;
    }

    /// <summary>
    /// Reads the manifest template and returns it with every <see cref="AppIdPlaceholder"/> replaced by
    /// <paramref name="appId"/>.
    /// </summary>
    /// <exception cref="ManifestPackagingException">The app id is not a GUID, the template is missing or not
    /// valid JSON, <c>id</c> or a <c>bots[].botId</c> is not the app id placeholder, or another <c>{{...}}</c> placeholder
    /// is left over.</exception>
    public JsonObject BuildManifest(string appId, ManifestPublisher? publisher = null)
    {
        if (!TryNormalizeAppId(appId, out var normalizedAppId))
        {
            throw new ManifestPackagingException(
                $"The app id '{appId}' is not a GUID. Set MicrosoftAppId to the bot's Entra application (client) id, e.g. 00000000-0000-0000-0000-000000000000 with real digits.");
        }

        var path = RequireFile(ManifestFileName);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new ManifestPackagingException($"{path} is not valid JSON: {ex.Message}", ex);
        }

        if (root is not JsonObject manifest)
        {
            throw new ManifestPackagingException($"{path} must hold a JSON object.");
        }

        ReplacePlaceholder(manifest, normalizedAppId);
        ApplyPublisher(manifest, publisher);

        // The app id and every bot id must come from configuration, never be hard-coded in the template.
        if (!HasValue(manifest["id"], normalizedAppId))
        {
            throw new ManifestPackagingException($"{path}: \"id\" must be \"{AppIdPlaceholder}\" so that the app id comes from configuration.");
        }

        if (manifest["bots"] is JsonArray bots)
        {
            foreach (var bot in bots)
            {
                if (!HasValue(bot?["botId"], normalizedAppId))
                {
                    throw new ManifestPackagingException($"{path}: every \"bots[].botId\" must be \"{AppIdPlaceholder}\" so that the bot id comes from configuration.");
                }
            }
        }

        var leftOver = FindPlaceholders(manifest).ToList();
        if (leftOver.Count > 0)
        {
            throw new ManifestPackagingException(
                $"{path} still has placeholders after packaging: {string.Join(", ", leftOver)}. Only {AppIdPlaceholder} is filled in.");
        }

        return manifest;
    }

    /// <summary>Writes the package zip to <paramref name="destination"/> (left open).</summary>
    /// <exception cref="ManifestPackagingException">See <see cref="BuildManifest"/>; also when an icon is missing,
    /// is not a PNG or has the wrong pixel size.</exception>
    public void WritePackage(string appId, Stream destination, ManifestPublisher? publisher = null)
    {
        ArgumentNullException.ThrowIfNull(destination);

        var manifest = BuildManifest(appId, publisher);
        var colorIcon = ReadIcon(ColorIconFileName, ColorIconSize);
        var outlineIcon = ReadIcon(OutlineIconFileName, OutlineIconSize);
        var manifestBytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)
            .GetBytes(manifest.ToJsonString(OutputOptions) + "\n");

        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        AddEntry(zip, ManifestFileName, manifestBytes);
        AddEntry(zip, ColorIconFileName, colorIcon);
        AddEntry(zip, OutlineIconFileName, outlineIcon);
    }

    /// <summary>
    /// Writes the package zip to <paramref name="outputPath"/> (its folder is created; an existing file is replaced)
    /// and returns the full path written.
    /// </summary>
    public string WritePackage(string appId, string outputPath, ManifestPublisher? publisher = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var fullPath = Path.GetFullPath(outputPath);
        var folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        // Build in memory first so that a failure never leaves a half-written or stale-looking zip behind.
        using var buffer = new MemoryStream();
        WritePackage(appId, buffer, publisher);
        File.WriteAllBytes(fullPath, buffer.ToArray());
        return fullPath;
    }

    /// <summary>
    /// The <c>developer</c> addresses of <paramref name="manifest"/> still on example.org (the template's), as
    /// <c>developer.privacyUrl</c> and so on: a school must publish its own before staff install the app.
    /// </summary>
    public static IReadOnlyList<string> ExampleAddresses(JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var found = new List<string>();
        if (manifest["developer"] is JsonObject developer)
        {
            foreach (var (name, value) in developer)
            {
                if (value is JsonValue text && text.TryGetValue<string>(out var url) && Uri.TryCreate(url, UriKind.Absolute, out var uri)
                    && (uri.Host.Equals("example.org", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".example.org", StringComparison.OrdinalIgnoreCase)))
                {
                    found.Add($"developer.{name}");
                }
            }
        }

        return found;
    }

    private static void ApplyPublisher(JsonObject manifest, ManifestPublisher? publisher)
    {
        if (publisher is null)
        {
            return;
        }

        var developer = manifest["developer"] as JsonObject ?? [];
        manifest["developer"] = developer;
        foreach (var (field, setting, value) in publisher.Fields)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var trimmed = value.Trim();
            if (field != "name" && !(Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            {
                throw new ManifestPackagingException($"{ManifestPublisher.SectionName}:{setting} '{trimmed}' must be an https address (Teams accepts no other).");
            }

            developer[field] = trimmed;
        }
    }

    private string RequireFile(string fileName)
    {
        var path = Path.Combine(ManifestDirectory, fileName);
        if (!File.Exists(path))
        {
            throw new ManifestPackagingException($"{fileName} is missing: expected {path}.");
        }

        return path;
    }

    private byte[] ReadIcon(string fileName, int expectedSize)
    {
        var path = RequireFile(fileName);
        var bytes = File.ReadAllBytes(path);

        // A PNG starts with its 8-byte signature and then the IHDR chunk: length (4), "IHDR" (4), width (4), height (4), big-endian.
        if (bytes.Length < 24 || !bytes.AsSpan(0, 8).SequenceEqual(PngSignature) || Encoding.ASCII.GetString(bytes, 12, 4) != "IHDR")
        {
            throw new ManifestPackagingException($"{path} is not a PNG file.");
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
        if (width != expectedSize || height != expectedSize)
        {
            throw new ManifestPackagingException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path} is {width}x{height} pixels; Teams requires {expectedSize}x{expectedSize}."));
        }

        return bytes;
    }

    private static void AddEntry(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTimestamp;
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static bool HasValue(JsonNode? node, string expected) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == expected;

    private static void ReplacePlaceholder(JsonNode node, string appId)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (TryReplace(child, appId, out var replaced))
                    {
                        obj[key] = replaced;
                    }
                    else if (child is not null)
                    {
                        ReplacePlaceholder(child, appId);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (TryReplace(array[i], appId, out var replaced))
                    {
                        array[i] = replaced;
                    }
                    else if (array[i] is { } child)
                    {
                        ReplacePlaceholder(child, appId);
                    }
                }

                break;
        }
    }

    private static bool TryReplace(JsonNode? node, string appId, out string replaced)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (text.Contains(AppIdPlaceholder, StringComparison.Ordinal))
            {
                replaced = text.Replace(AppIdPlaceholder, appId, StringComparison.Ordinal);
                return true;
            }
        }

        replaced = string.Empty;
        return false;
    }

    private static IEnumerable<string> FindPlaceholders(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is null)
                    {
                        continue;
                    }

                    foreach (var found in FindPlaceholders(child))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is null)
                    {
                        continue;
                    }

                    foreach (var found in FindPlaceholders(child))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                var start = text.IndexOf("{{", StringComparison.Ordinal);
                if (start >= 0)
                {
                    var end = text.IndexOf("}}", start, StringComparison.Ordinal);
                    yield return $"{node.GetPath()} = \"{(end > start ? text[start..(end + 2)] : text)}\"";
                }

                break;
        }
    }
}
