using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// The files a pack is loaded from, by their path in the content folder ("england/flow.yaml"). A pack folder is read
/// when a load first asks for it, so a load (and a snapshot) holds only its pack and the packs it extends.
/// </summary>
public sealed class ContentFiles
{
    private readonly SortedDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>The content folder pack folders are read from; null for a snapshot.</summary>
    private readonly string? _folder;

    private ContentFiles(string? folder) => _folder = folder;

    /// <summary>A short hash of the files read: the same files give the same fingerprint (used to tell an admin once per change).</summary>
    public string Fingerprint => Short(Hash(_files));

    /// <summary>The pack folders of <paramref name="contentFolder"/>; reading one throws <see cref="IOException"/> when a file can't be read (e.g. half-saved).</summary>
    public static ContentFiles OnDisk(string contentFolder) => new(contentFolder);

    /// <summary>The files read, as a JSON document for storage: <c>{ "files": { "england/flow.yaml": "&lt;base64&gt;" } }</c>.</summary>
    public JsonObject ToJson() =>
        new() { ["files"] = new JsonObject(_files.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)Convert.ToBase64String(f.Value)))) };

    public static ContentFiles FromJson(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var snapshot = new ContentFiles(folder: null);
        foreach (var (path, value) in document["files"] as JsonObject ?? [])
        {
            // Only "folder/file": a tampered snapshot can't name a file outside a pack folder.
            if (value is not null && path.Split('/') is [var folder, var file] && IsName(folder) && IsName(file))
            {
                snapshot._files[path] = Convert.FromBase64String(value.GetValue<string>());
            }
        }

        return snapshot;
    }

    /// <summary>The files of pack folder <paramref name="pack"/> by file name; null when there is no such folder.</summary>
    internal IReadOnlyDictionary<string, byte[]>? Pack(string pack)
    {
        var folder = _folder is null ? null : Path.Combine(_folder, pack);
        var onDisk = folder is not null && Directory.Exists(folder);
        if (onDisk && !_files.Keys.Any(k => k.StartsWith(pack + "/", StringComparison.Ordinal)))
        {
            foreach (var file in Directory.EnumerateFiles(folder!).Where(f => Path.GetExtension(f).ToUpperInvariant() is ".YAML" or ".YML"))
            {
                _files[$"{pack}/{Path.GetFileName(file)}"] = File.ReadAllBytes(file);
            }
        }

        var files = _files.Where(f => f.Key.StartsWith(pack + "/", StringComparison.Ordinal)).ToDictionary(f => f.Key[(pack.Length + 1)..], f => f.Value, StringComparer.Ordinal);
        return files.Count > 0 || onDisk ? files : null;
    }

    /// <summary>The pack folders on disk (those with a pack.yaml), in order; none for a snapshot, which holds only the packs it loaded.</summary>
    internal IEnumerable<string> PackNames() =>
        _folder is null
            ? []
            : Directory.EnumerateDirectories(_folder).Where(d => File.Exists(Path.Combine(d, ContentPackLoader.PackFile))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    /// <summary>A SHA-256 over each file's name and bytes, in the order given, then <paramref name="extended"/> (the hash of the pack they extend).</summary>
    internal static byte[] Hash(IEnumerable<KeyValuePair<string, byte[]>> files, byte[]? extended = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        foreach (var (name, bytes) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name));
            hash.AppendData([0]);
            BinaryPrimitives.WriteInt64LittleEndian(length, bytes.LongLength);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        if (extended is not null)
        {
            hash.AppendData("extends\0"u8);
            hash.AppendData(extended);
        }

        return hash.GetHashAndReset();
    }

    internal static string Short(byte[] hash) => Convert.ToHexStringLower(hash.AsSpan(0, 4));

    /// <summary>Whether <paramref name="name"/> is a plain folder or file name (not "..", no path separator): a pack folder, a pack file, <c>Content:Pack</c>.</summary>
    internal static bool IsName(string name) =>
        name.Length > 0 && name is not "." and not ".." && name.IndexOfAny(['/', '\\', ':', .. Path.GetInvalidFileNameChars()]) < 0;
}
