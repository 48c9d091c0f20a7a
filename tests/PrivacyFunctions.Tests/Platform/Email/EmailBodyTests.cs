using PrivacyFunctions.Platform.Email;

namespace PrivacyFunctions.Tests.Platform.Email;

public sealed class EmailBodyTests
{
    [Fact]
    public void User_supplied_text_is_html_encoded_in_the_html_part_and_verbatim_in_the_text_part()
    {
        const string hostile = "<script>alert('x')</script> & \"Ünïcødé\"\nsecond line";
        var body = new EmailBodyBuilder()
            .Heading("Notice")
            .Paragraph(hostile)
            .Fields(("Customer", "<b>Acme</b>"))
            .BulletList(["<i>one</i>", "two"])
            .Link("Object <now>", new Uri("https://privacy.example/object?t=a&b=c"))
            .Build();

        Assert.DoesNotContain("<script>", body.Html);
        Assert.DoesNotContain("<b>Acme", body.Html);
        Assert.DoesNotContain("<i>one", body.Html);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Ünïcødé&quot;<br>second line", body.Html);
        Assert.Contains("<a href=\"https://privacy.example/object?t=a&amp;b=c\">Object &lt;now&gt;</a>", body.Html);
        Assert.Contains(hostile, body.Text);
        Assert.Contains("Customer: <b>Acme</b>", body.Text);
        Assert.Contains("Object <now>: https://privacy.example/object?t=a&b=c", body.Text);
    }

    [Fact]
    public void Links_must_be_http_or_https()
    {
        Assert.Throws<ArgumentException>(() => new EmailBodyBuilder().Link("x", new Uri("javascript:alert(1)")));
        Assert.Throws<ArgumentException>(() => new EmailBodyBuilder().Link("x", new Uri("file:///etc/passwd")));
    }

    [Fact]
    public void Paragraph_text_splits_on_blank_lines()
    {
        var body = EmailBody.FromParagraphs("first\n\nsecond");
        Assert.Equal("first\n\nsecond\n", body.Text);
        Assert.Contains("<p>first</p>\n<p>second</p>", body.Html);
    }

    [Fact]
    public void Delivery_ids_are_rfc_9562_version_5_uuids_and_guid_keys_pass_through()
    {
        // RFC 9562 appendix A.4: the DNS namespace and "www.example.com".
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"),
            DeliveryIds.NameBasedUuid(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"));
        Assert.Equal(DeliveryIds.OperationId("subproc.notice.c1.s1"), DeliveryIds.OperationId("subproc.notice.c1.s1"));
        Assert.NotEqual(DeliveryIds.OperationId("subproc.notice.c1.s1"), DeliveryIds.OperationId("subproc.notice.c1.s2"));
        Assert.Equal('5', DeliveryIds.OperationId("k").ToString("D")[14]);
        Assert.Equal(new Guid("8540c0de-899f-5cce-acb5-3ec493af3800"), DeliveryIds.OperationId("8540c0de-899f-5cce-acb5-3ec493af3800"));
    }
}
