using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// The files of a content folder (each pack folder's YAML and the <c>schema/</c> folder's JSON), read in one go.
/// A pack is always loaded from such a copy, so the version that goes live is exactly the bytes kept as its snapshot,
/// even when an admin saves again while it loads; and a snapshot loads the same way after a restart.
/// </summary>
public sealed class ContentFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    private ContentFiles(IReadOnlyDictionary<string, byte[]> files) => Files = files;

    /// <summary>Each file's bytes by its path in the content folder, with '/' (e.g. <c>england/flow.yaml</c>).</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    /// <summary>A short hash of every file: the same files give the same fingerprint (used to tell an admin once per change).</summary>
    public string Fingerprint
    {
        get
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var (path, bytes) in Files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(path));
                hash.AppendData([0]);
                hash.AppendData(BitConverter.GetBytes(bytes.LongLength));
                hash.AppendData(bytes);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 4));
        }
    }

    /// <summary>
    /// The files one folder below <paramref name="contentFolder"/> (pack folders and schema/). Throws
    /// <see cref="IOException"/> when a file can't be read, e.g. an editor is half-way through saving it.
    /// </summary>
    public static ContentFiles Read(string contentFolder)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (!Directory.Exists(contentFolder))
        {
            return new ContentFiles(files);
        }

        foreach (var folder in Directory.EnumerateDirectories(contentFolder))
        {
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                if (Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                {
                    files[$"{Path.GetFileName(folder)}/{Path.GetFileName(file)}"] = File.ReadAllBytes(file);
                }
            }
        }

        return new ContentFiles(files);
    }

    /// <summary>
    /// Loads pack <paramref name="packName"/> from these files (written to a private temporary folder that is removed
    /// afterwards). Problems name files as the loader does (e.g. <c>flow.yaml:42:7</c>).
    /// </summary>
    public (ContentPack? Pack, IReadOnlyList<ContentProblem> Problems) Load(string packName)
    {
        var root = Path.Combine(Path.GetTempPath(), "staffguidebot-content", Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var (path, bytes) in Files)
            {
                var target = Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, bytes);
            }

            return ContentPackLoader.TryLoad(Path.Combine(root, packName));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>The files as a JSON document for storage: <c>{ "files": { "england/flow.yaml": "&lt;base64&gt;" } }</c>.</summary>
    public JsonObject ToJson()
    {
        var files = new JsonObject();
        foreach (var (path, bytes) in Files.OrderBy(f => f.Key, StringComparer.Ordinal))
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
            // Only plain relative paths: a tampered snapshot can't write outside its temporary folder.
            if (value is not null && IsSafePath(path))
            {
                files[path] = Convert.FromBase64String(value.GetValue<string>());
            }
        }

        return new ContentFiles(files);
    }

    private static bool IsSafePath(string path)
    {
        var parts = path.Split('/');
        return parts.Length == 2 && parts.All(p => p.Length > 0 && p != "." && p != ".." && p.IndexOfAny(Path.GetInvalidFileNameChars()) < 0);
    }
}
