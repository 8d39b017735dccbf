using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StaffGuideBot.Manifest;

/// <summary>The Teams app package could not be built; the message says why and what to fix.</summary>
public sealed class ManifestPackagingException : Exception
{
    public ManifestPackagingException()
    {
    }

    public ManifestPackagingException(string message)
        : base(message)
    {
    }

    public ManifestPackagingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
