using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Identity.Client;

namespace StaffGuideBot.BotFramework.Authentication;

/// <summary>Which kind of outbound credential a <see cref="BotIdentityOptions"/> describes.</summary>
public enum BotCredentialKind
{
    /// <summary>No app id: local mode, no token.</summary>
    None,
    ClientSecret,
    CertificateFile,
    CertificateThumbprint,
    UserAssignedManagedIdentity,
}
