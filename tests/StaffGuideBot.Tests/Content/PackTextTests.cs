using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Content;

public class PackTextTests
{
    private static readonly ContentPack Pack = ContentPackLoader.Load(PackFixture.PathOf("minimal"));

    [Fact]
    public void Terms_and_contact_details_are_filled_in()
    {
        Assert.Equal(
            "Phone the DSL (Designated Safeguarding Lead), Sam Jones, on [01234 567890](tel:01234567890) or go to [report.iwf.org.uk](https://report.iwf.org.uk/) (Internet Watch Foundation).",
            Pack.Fill("Phone the {dslShort} ({dsl}), {contact.dsl.name}, on {contact.dsl.phone} or go to {contact.iwf.url} ({contact.iwf.role})."));
    }

    [Fact]
    public void Runtime_values_are_filled_in_when_given()
    {
        var text = Pack.Texts[TextKeys.ReceiptText];

        Assert.Equal("Your report R-42 was sent to the DSL.", Pack.Fill(text, new Dictionary<string, string> { ["reference"] = "R-42" }));
        Assert.Equal("Your report {reference} was sent to the DSL.", Pack.Fill(text));
    }

    [Fact]
    public void Unknown_placeholders_and_other_braces_are_left_as_written()
    {
        Assert.Equal("{nobody} {contact.iwf.phone} { } {1}", Pack.Fill("{nobody} {contact.iwf.phone} { } {1}"));
    }

    [Fact]
    public void Find_gives_each_placeholder_with_where_it_is()
    {
        Assert.Equal(
            [("dsl", 5, 5), ("contact.dsl.phone", 15, 19)],
            PackText.Find("Call {dsl} on  {contact.dsl.phone}."));
    }

    [Fact]
    public void The_contact_details_are_the_text_keys_of_a_contact_in_the_schema()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "schema", "contacts.schema.json")))!;
        var texts = schema["definitions"]!["contact"]!["properties"]!.AsObject()
            .Where(p => p.Value!["$ref"]!.GetValue<string>() is var shape && !shape.EndsWith("/id", StringComparison.Ordinal) && !shape.EndsWith("/flag", StringComparison.Ordinal))
            .Select(p => p.Key);

        Assert.Equal(texts, PackText.ContactDetails);
        Assert.Equal(["role", "name", "phone", "url", "notes"], PackText.ContactDetails);
    }

    [Fact]
    public void Each_contact_detail_is_filled_in_and_other_names_are_not_details()
    {
        var dsl = Pack.Contacts.Find("dsl")!;

        Assert.Equal(
            "Designated Safeguarding Lead, Sam Jones, [01234 567890](tel:01234567890): Tell them the same day.",
            Pack.Fill("{contact.dsl.role}, {contact.dsl.name}, {contact.dsl.phone}: {contact.dsl.notes}"));
        Assert.Equal("{contact.dsl.id} {contact.dsl.Phone} {contact.dsl.placeholder}", Pack.Fill("{contact.dsl.id} {contact.dsl.Phone} {contact.dsl.placeholder}"));
        Assert.Equal("Sam Jones", PackText.ContactDetail(dsl, "name"));
        Assert.Null(PackText.ContactDetail(dsl, "url"));
        Assert.Null(PackText.ContactDetail(dsl, "id"));
    }
}
