using Microsoft.Extensions.Options;

namespace StaffGuideBot.Guidance.Content;

/// <summary>Checks <see cref="ContentOptions"/> at start-up; each problem names its key.</summary>
public sealed class ContentOptionsValidator : IValidateOptions<ContentOptions>
{
    public ValidateOptionsResult Validate(string? name, ContentOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Pack) || !ContentFiles.IsName(options.Pack))
        {
            errors.Add($"{ContentOptions.SectionName}:Pack must name one pack folder, such as england.");
        }

        if (options.Admins.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{ContentOptions.SectionName}:Admins has an empty entry; each entry is an Entra object id.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
