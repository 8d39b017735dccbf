using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Manifest;

public class ManifestIconTests
{
    private static string IconPath(string name) => Path.Combine(ManifestFixture.ManifestDirectory, name);

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public void Icons_have_the_pixel_size_Teams_requires(string name, int size)
    {
        var (width, height, _, _) = PngImage.ReadHeader(IconPath(name));

        Assert.Equal(size, width);
        Assert.Equal(size, height);
    }

    [Fact]
    public void The_outline_icon_is_white_on_a_transparent_background()
    {
        var icon = PngImage.Load(IconPath("outline.png"));

        Assert.True(icon.HasAlpha, "the outline icon needs an alpha channel");
        foreach (var (x, y) in new[] { (0, 0), (31, 0), (0, 31), (31, 31) })
        {
            Assert.Equal(0, icon.GetPixel(x, y).A);
        }

        var coloured = icon.Pixels().Where(p => p.A > 0 && (p.R, p.G, p.B) != (255, 255, 255)).ToList();
        Assert.True(coloured.Count == 0, $"{coloured.Count} visible pixels are not white, e.g. {coloured.FirstOrDefault()}");

        var transparent = icon.Pixels().Count(p => p.A == 0);
        var solid = icon.Pixels().Count(p => p.A == 255);
        Assert.InRange(transparent, 32 * 32 / 3, 32 * 32 - 1); // mostly background
        Assert.True(solid > 50, $"only {solid} fully opaque pixels: the symbol is too faint");
    }

    [Fact]
    public void The_colour_icon_is_opaque_and_in_colour()
    {
        var icon = PngImage.Load(IconPath("color.png"));

        Assert.All(icon.Pixels(), p => Assert.Equal(255, p.A));
        var colours = icon.Pixels().Select(p => (p.R, p.G, p.B)).Distinct().Count();
        Assert.True(colours >= 3, $"only {colours} distinct colours");
        Assert.Contains(icon.Pixels(), p => p.R != p.G || p.G != p.B); // not greyscale
    }

    [Theory]
    [InlineData("color.svg")]
    [InlineData("outline.svg")]
    [InlineData("render.sh")]
    public void The_icon_sources_and_the_script_that_renders_them_are_committed(string name)
    {
        Assert.True(File.Exists(Path.Combine(ManifestFixture.ManifestDirectory, "icons", name)), $"manifest/icons/{name} is missing");
    }
}
