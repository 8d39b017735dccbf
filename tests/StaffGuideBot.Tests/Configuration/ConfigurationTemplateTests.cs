using System.Reflection;
using Microsoft.Extensions.Configuration;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Configuration;

/// <summary>appsettings.template.json documents every setting and binds to the real options.</summary>
public class ConfigurationTemplateTests
{
    private static string TemplatePath => Path.Combine(SharedSchemas.RepositoryRoot, "appsettings.template.json");

    private static IConfigurationRoot Template() => new ConfigurationBuilder().AddJsonFile(TemplatePath, optional: false).Build();

    public static TheoryData<Type, string> OptionsClasses() => new()
    {
        { typeof(BotIdentityOptions), string.Empty },
        { typeof(BotAuthenticationOptions), BotAuthenticationOptions.SectionName },
        { typeof(BotEndpointOptions), BotEndpointOptions.SectionName },
        { typeof(ConnectorOptions), ConnectorOptions.SectionName },
        { typeof(StorageOptions), StorageOptions.SectionName },
        { typeof(StaffGuideBot.Guidance.Content.ContentOptions), StaffGuideBot.Guidance.Content.ContentOptions.SectionName },
        { typeof(StaffGuideBot.Guidance.Dsl.DslOptions), StaffGuideBot.Guidance.Dsl.DslOptions.SectionName },
    };

    [Theory]
    [MemberData(nameof(OptionsClasses))]
    public void Every_setting_of_an_options_class_is_in_the_template(Type options, string section)
    {
        var config = Template();
        var text = File.ReadAllText(TemplatePath);
        var settable = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || (p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IList<>)));

        foreach (var property in settable)
        {
            var key = section.Length == 0 ? property.Name : $"{section}:{property.Name}";
            // A value or a section; an empty array is no value to the configuration system, so a list is looked for in the text.
            var present = config.GetSection(key).Exists() || (property.PropertyType.IsGenericType && text.Contains($"\"{property.Name}\": []", StringComparison.Ordinal));
            Assert.True(present, $"appsettings.template.json does not document {key}");
        }
    }

    [Fact]
    public void The_template_binds_and_describes_a_deployable_single_tenant_bot_with_sqlite()
    {
        var config = Template();

        var identity = config.Get<BotIdentityOptions>()!;
        var storage = config.GetSection(StorageOptions.SectionName).Get<StorageOptions>()!;
        var connector = config.GetSection(ConnectorOptions.SectionName).Get<ConnectorOptions>()!;

        Assert.Equal(BotAppType.SingleTenant, identity.AppType);
        Assert.True(identity.IsLocalMode);
        Assert.Equal("Sqlite", storage.Provider);
        Assert.Equal(7, connector.MessagesPerSecondPerConversation);
    }
}
