using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.BotFramework.Tests.Hosting;

/// <summary>The key ring in the shared store: what one instance encrypts, another reads; without the store, nobody does.</summary>
public sealed class StorageXmlRepositoryTests
{
    private readonly MemoryStorage _store = new();

    [Fact]
    public async Task What_one_instance_protects_another_on_the_same_store_can_read()
    {
        using var one = Instance(_store);
        using var two = Instance(_store);

        var sealedText = Protector(one).Protect("a report");

        Assert.Equal("a report", Protector(two).Unprotect(sealedText));
        Assert.NotEmpty(await _store.ListKeysAsync(StorageXmlRepository.Prefix));
    }

    [Fact]
    public void An_instance_on_another_store_can_not_read_it()
    {
        using var one = Instance(_store);
        using var elsewhere = Instance(new MemoryStorage());

        var sealedText = Protector(one).Protect("a report");

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Protector(elsewhere).Unprotect(sealedText));
    }

    private static ServiceProvider Instance(IStorage store)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("StaffGuideBot");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new StorageXmlRepository(store));
        return services.BuildServiceProvider();
    }

    private static IDataProtector Protector(IServiceProvider instance) =>
        instance.GetRequiredService<IDataProtectionProvider>().CreateProtector(ProtectedStorage.Purpose);
}
