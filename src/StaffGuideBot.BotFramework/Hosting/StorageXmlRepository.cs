using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.BotFramework.Hosting;

/// <summary>
/// The Data Protection key ring kept in the shared store itself (one item per key under <c>dataprotection/keys/</c>),
/// so every instance on one PostgreSQL database encrypts and decrypts with the same keys. It uses the provider's own
/// store, beneath the encryption (the keys can't be encrypted with themselves); a key encryptor configured for Data
/// Protection (a certificate, say) still wraps each key before it is stored here.
/// </summary>
/// <remarks>
/// <see cref="IXmlRepository"/> is synchronous, so this waits on the store: Data Protection reads the ring at start
/// and then about once a day, never per request.
/// </remarks>
public sealed class StorageXmlRepository(IStorage storage) : IXmlRepository
{
    public const string Prefix = "dataprotection/keys/";

    public IReadOnlyCollection<XElement> GetAllElements() => GetAllElementsAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var name = string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        var item = new StoreItem(new JsonObject { ["xml"] = element.ToString(SaveOptions.DisableFormatting) }, StoreItem.CreateOnly);
        try
        {
            storage.WriteAsync(new Dictionary<string, StoreItem> { [Prefix + name] = item }).GetAwaiter().GetResult();
        }
        catch (StorageConcurrencyException)
        {
            // Another instance stored a key under the same name at the same moment: keep both.
            storage.WriteAsync(new Dictionary<string, StoreItem> { [Prefix + name + "-" + Guid.NewGuid().ToString("N")] = new(item.Document, StoreItem.CreateOnly) })
                .GetAwaiter().GetResult();
        }
    }

    private async Task<IReadOnlyCollection<XElement>> GetAllElementsAsync()
    {
        var keys = await storage.ListKeysAsync(Prefix).ConfigureAwait(false);
        var items = await storage.ReadAsync(keys).ConfigureAwait(false);
        return [.. keys.Where(items.ContainsKey).Select(k => XElement.Parse(items[k].Document["xml"]!.GetValue<string>()))];
    }
}
