using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;

namespace StaffGuideBot.BotFramework.State;

/// <summary>
/// Encrypts every stored document at rest with ASP.NET Core Data Protection (authenticated encryption, keys in its
/// key ring): the underlying store holds <c>{ "protected": "…" }</c> and callers see the plain document. Keys and
/// ETags are unchanged, so the concurrency rules of <see cref="IStorage"/> hold as they are. A document stored before
/// protection was switched on is read as it is and encrypted when it is next written. A document that has been
/// tampered with, or whose key is gone, fails to read (it is never silently treated as missing).
/// </summary>
public sealed class ProtectedStorage : IStorage
{
    /// <summary>The Data Protection purpose: documents protected for it can't be read with any other.</summary>
    public const string Purpose = "StaffGuideBot.State.v1";

    private const string Field = "protected";

    /// <summary>How a sealed document's text begins (it ends <c>"}</c>); the sealed part between is base64url, which needs no escaping.</summary>
    private const string SealedStart = "{\"" + Field + "\":\"";

    private const string SealedEnd = "\"}";

    private readonly IStorage _inner;
    private readonly IDataProtector _protector;

    public ProtectedStorage(IStorage inner, IDataProtectionProvider protection)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(protection);
        _inner = inner;
        _protector = protection.CreateProtector(Purpose);
    }

    public async Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var stored = await _inner.ReadAsync(keys, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
        foreach (var (key, item) in stored)
        {
            result[key] = Unseal(item) is { } json ? new StoreItem(json, item.ETag, stored: true) : item;
        }

        return result;
    }

    /// <summary>The text of a sealed document, <c>{"protected":"…"}</c> with the ciphertext in base64url, made in one string.</summary>
    private static string Sealed(byte[] ciphertext) =>
        string.Create(SealedStart.Length + Base64Url.GetEncodedLength(ciphertext.Length) + SealedEnd.Length, ciphertext, static (text, bytes) =>
        {
            SealedStart.CopyTo(text);
            var written = Base64Url.EncodeToChars(bytes, text[SealedStart.Length..]);
            SealedEnd.CopyTo(text[(SealedStart.Length + written)..]);
        });

    /// <summary>The plain text of a sealed document; null for one stored before protection was switched on.</summary>
    private string? Unseal(StoreItem item)
    {
        // As this class writes it, the sealed part is cut from the text; written any other way, the document is parsed.
        if (item.StoredJson is { } text && text.Length >= SealedStart.Length + SealedEnd.Length
            && text.StartsWith(SealedStart, StringComparison.Ordinal) && text.EndsWith(SealedEnd, StringComparison.Ordinal)
            && text.AsSpan(SealedStart.Length, text.Length - SealedStart.Length - SealedEnd.Length) is var sealedPart && sealedPart.IndexOfAny('"', '\\') < 0)
        {
            // Not base64url: damaged, so unreadable as any other damage is (never read as missing).
            var sealedBytes = Base64Url.IsValid(sealedPart) ? Base64Url.DecodeFromChars(sealedPart) : throw new CryptographicException("A stored document is damaged: it could not be decrypted.");
            return Encoding.UTF8.GetString(_protector.Unprotect(sealedBytes));
        }

        JsonObject document;
        try
        {
            document = item.Document;
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new CryptographicException("A stored document is damaged: it is not JSON.", ex);
        }

        return document.Count == 1 && document[Field] is JsonValue value && value.TryGetValue<string>(out var sealedText)
            ? _protector.Unprotect(sealedText)
            : null;
    }

    public async Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        // The same text as { "protected": "…" } serialized, made directly.
        var sealedItems = changes.ToDictionary(
            c => c.Key,
            c => new StoreItem(Sealed(_protector.Protect(Encoding.UTF8.GetBytes(c.Value.ToJson()))), c.Value.ETag, stored: false),
            StringComparer.Ordinal);
        await _inner.WriteAsync(sealedItems, cancellationToken).ConfigureAwait(false);
        foreach (var (key, item) in changes)
        {
            item.ETag = sealedItems[key].ETag;
        }
    }

    /// <summary>A counter is a number, not content: kept as it is (see <see cref="IStorage.IncrementAsync"/>).</summary>
    public Task<long> IncrementAsync(string key, long floor = 0, CancellationToken cancellationToken = default) => _inner.IncrementAsync(key, floor, cancellationToken);

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => _inner.DeleteAsync(keys, cancellationToken);

    /// <summary>Keys are not protected (only documents are), so they are listed as they are.</summary>
    public Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default) => _inner.ListKeysAsync(prefix, cancellationToken);

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => _inner.IsReadyAsync(cancellationToken);
}
