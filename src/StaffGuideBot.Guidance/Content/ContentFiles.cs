using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// The files of a content folder (each pack folder's YAML and the <c>schema/</c> folder's JSON) by their path in it,
/// with '/' (e.g. <c>england/flow.yaml</c>): what the loader reads a pack from. The library reads them in one go, so
/// the version that goes live is exactly the bytes kept as its snapshot, even when an admin saves again while it
/// loads; and a snapshot loads the same way after a restart.
/// </summary>
public sealed class ContentFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    private readonly Dictionary<string, byte[]> _files;

    /// <summary>Where pack folders not read yet are read from when asked for; null when every file is in memory.</summary>
    private readonly string? _folder;

    private ContentFiles(Dictionary<string, byte[]> files, string? folder = null)
    {
        _files = files;
        _folder = folder;
    }

    public IReadOnlyDictionary<string, byte[]> Files => _files;

    /// <summary>A short hash of every file: the same files give the same fingerprint (used to tell an admin once per change).</summary>
    public string Fingerprint => Short(Hash(_files.OrderBy(f => f.Key, StringComparer.Ordinal)));

    /// <summary>
    /// The files one folder below <paramref name="contentFolder"/> (pack folders and schema/). Throws
    /// <see cref="IOException"/> when a file can't be read, e.g. an editor is half-way through saving it.
    /// </summary>
    public static ContentFiles Read(string contentFolder)
    {
        var files = new ContentFiles([]);
        foreach (var folder in Directory.Exists(contentFolder) ? Directory.EnumerateDirectories(contentFolder) : [])
        {
            files.ReadFolder(folder);
        }

        return files;
    }

    /// <summary>
    /// The files of <paramref name="contentFolder"/>, each pack folder read when a load first asks for it (so loading
    /// one pack reads only it and the packs it extends).
    /// </summary>
    public static ContentFiles OnDisk(string contentFolder) => new([], contentFolder);

    /// <summary>The files as a JSON document for storage: <c>{ "files": { "england/flow.yaml": "&lt;base64&gt;" } }</c>.</summary>
    public JsonObject ToJson()
    {
        var files = new JsonObject();
        foreach (var (path, bytes) in _files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            files[path] = Convert.ToBase64String(bytes);
        }

        return new JsonObject { ["files"] = files };
    }

    public static ContentFiles FromJson(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (path, value) in document["files"] as JsonObject ?? [])
        {
            // Only "folder/file": a tampered snapshot can't name a file outside a pack folder.
            if (value is not null && path.Split('/') is [var folder, var file] && IsName(folder) && IsName(file))
            {
                files[path] = Convert.FromBase64String(value.GetValue<string>());
            }
        }

        return new ContentFiles(files);
    }

    /// <summary>The files of pack folder <paramref name="pack"/> by file name; null when there is no such folder.</summary>
    internal IReadOnlyDictionary<string, byte[]>? Pack(string pack)
    {
        var folder = _folder is null ? null : Path.Combine(_folder, pack);
        if (folder is not null && Directory.Exists(folder) && !_files.Keys.Any(k => k.StartsWith(pack + "/", StringComparison.Ordinal)))
        {
            ReadFolder(folder);
        }

        var files = _files.Where(f => f.Key.StartsWith(pack + "/", StringComparison.Ordinal)).ToDictionary(f => f.Key[(pack.Length + 1)..], f => f.Value, StringComparer.Ordinal);
        return files.Count > 0 || (folder is not null && Directory.Exists(folder)) ? files : null;
    }

    /// <summary>The names of the pack folders (those with a pack.yaml), in order.</summary>
    internal IReadOnlyList<string> PackNames()
    {
        var folders = _folder is null
            ? _files.Keys.Where(k => k.EndsWith("/" + ContentPackLoader.PackFile, StringComparison.Ordinal)).Select(k => k[..k.IndexOf('/', StringComparison.Ordinal)])
            : Directory.EnumerateDirectories(_folder).Where(d => File.Exists(Path.Combine(d, ContentPackLoader.PackFile))).Select(d => Path.GetFileName(d));
        return [.. folders.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// A SHA-256 over each file's name and bytes, in the order given, then <paramref name="extended"/> (the hash of a
    /// pack that the files' pack extends). Used for both a pack's version and the fingerprint of a refused change.
    /// </summary>
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

    /// <summary>The first 8 hex digits of a hash.</summary>
    internal static string Short(byte[] hash) => Convert.ToHexStringLower(hash.AsSpan(0, 4));

    /// <summary>Whether <paramref name="name"/> is a plain folder or file name (not "..", no path separator).</summary>
    internal static bool IsName(string name) =>
        name.Length > 0 && name is not "." and not ".." && name.IndexOfAny(['/', '\\', ':', .. Path.GetInvalidFileNameChars()]) < 0;

    private void ReadFolder(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)))
        {
            _files[$"{Path.GetFileName(folder)}/{Path.GetFileName(file)}"] = File.ReadAllBytes(file);
        }
    }
}
