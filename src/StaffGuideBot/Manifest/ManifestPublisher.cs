namespace StaffGuideBot.Manifest;

/// <summary>
/// Who publishes the Teams app: the school or trust, with its own web page, privacy notice and terms of use
/// (configuration section <c>Manifest</c>). What is not set keeps the template's value, and <c>manifest package</c>
/// warns while any address is still the template's example.org one.
/// </summary>
public sealed class ManifestPublisher
{
    public const string SectionName = "Manifest";

    /// <summary>The school or trust, as staff know it (the manifest's <c>developer.name</c>).</summary>
    public string? DeveloperName { get; set; }

    /// <summary>An https page about the bot at the school (<c>developer.websiteUrl</c>).</summary>
    public string? WebsiteUrl { get; set; }

    /// <summary>The school's privacy notice covering the bot (<c>developer.privacyUrl</c>).</summary>
    public string? PrivacyUrl { get; set; }

    /// <summary>The school's terms of use for the bot (<c>developer.termsOfUseUrl</c>).</summary>
    public string? TermsOfUseUrl { get; set; }

    /// <summary>The manifest fields these settings fill, with their setting names.</summary>
    internal IEnumerable<(string Field, string Setting, string? Value)> Fields =>
    [
        ("name", nameof(DeveloperName), DeveloperName),
        ("websiteUrl", nameof(WebsiteUrl), WebsiteUrl),
        ("privacyUrl", nameof(PrivacyUrl), PrivacyUrl),
        ("termsOfUseUrl", nameof(TermsOfUseUrl), TermsOfUseUrl),
    ];
}
