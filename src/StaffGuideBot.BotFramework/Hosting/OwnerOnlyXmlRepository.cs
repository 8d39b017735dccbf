using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.BotFramework.Hosting;

/// <summary>
/// The Data Protection key ring in a folder only the bot's user can list (0700), each key file readable by that user
/// only (0600), on Linux and macOS. Storing and reading keys is <see cref="FileSystemXmlRepository"/>'s.
/// </summary>
internal sealed class OwnerOnlyXmlRepository(FileSystemXmlRepository inner, string folder) : IXmlRepository
{
    public static OwnerOnlyXmlRepository Create(string folder, ILoggerFactory logs)
    {
        OwnerOnlyFiles.CreateDirectory(folder);
        return new OwnerOnlyXmlRepository(new FileSystemXmlRepository(new DirectoryInfo(folder), logs), folder);
    }

    public IReadOnlyCollection<XElement> GetAllElements() => inner.GetAllElements();

    public void StoreElement(XElement element, string friendlyName)
    {
        inner.StoreElement(element, friendlyName);
        OwnerOnlyFiles.Restrict(folder, "*.xml");
    }
}
