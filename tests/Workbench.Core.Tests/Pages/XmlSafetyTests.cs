using System.Text;
using Workbench.Core.Pages;

namespace Workbench.Core.Tests.Pages;

public class XmlSafetyTests
{
    private static PageRejectedException Refuse(string xml, string name = "evil.xml") =>
        Assert.Throws<PageRejectedException>(() => PageReader.Read(name, Encoding.UTF8.GetBytes(xml)));

    [Fact]
    public void ExternalEntity_IsRefusedAsDtd()
    {
        var e = Refuse("""
            <?xml version="1.0"?>
            <!DOCTYPE alto [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <alto><Layout><Page><PrintSpace><TextBlock ID="A"><TextLine><String CONTENT="&xxe;"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>
            """);
        Assert.Equal(XmlSafety.DtdReason, e.Reason);
        Assert.Contains("evil.xml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BillionLaughs_IsRefusedAsDtd()
    {
        var e = Refuse("""
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
            ]>
            <PcGts><Page><TextRegion id="r"><TextEquiv><Unicode>&lol3;</Unicode></TextEquiv></TextRegion></Page></PcGts>
            """);
        Assert.Equal(XmlSafety.DtdReason, e.Reason);
    }

    [Fact]
    public void ExternalDtdWithoutSubset_IsRefusedForXml()
    {
        var e = Refuse("""<?xml version="1.0"?><!DOCTYPE alto SYSTEM "http://example.org/alto.dtd"><alto/>""");
        Assert.Equal(XmlSafety.DtdReason, e.Reason);
    }

    [Fact]
    public void MalformedXml_IsRefusedWithLineAndPosition()
    {
        var e = Refuse("<alto>\n  <Layout>\n    <Page></Layout>\n</alto>", "broken.xml");
        Assert.Contains("malformed at line 3, position", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_ProhibitDtdAndResolveNothing()
    {
        var settings = XmlSafety.Settings();
        Assert.Equal(System.Xml.DtdProcessing.Prohibit, settings.DtdProcessing);
        Assert.Equal(0, settings.MaxCharactersFromEntities);
    }

    [Fact]
    public void MetsFile_IsRefusedWithTheFolderHint()
    {
        var e = Refuse("""<mets:mets xmlns:mets="http://www.loc.gov/METS/"><mets:fileSec/></mets:mets>""", "issue-METS.xml");
        Assert.Equal(PageReader.MetsReason, e.Reason);
    }

    [Fact]
    public void UnknownXml_IsRefused()
    {
        var e = Refuse("<tei><text>x</text></tei>", "tei.xml");
        Assert.Contains("not ALTO, PAGE XML, hOCR or METS", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkupIsReadAsMarkupWhateverTheName_AndAsTextOnlyWhenAsked()
    {
        // Issue 15: content decides. A .txt holding ALTO is ALTO; --format text still reads it as text.
        var alto = Encoding.UTF8.GetBytes(AltoReaderTests.Alto("http://www.loc.gov/standards/alto/ns-v4#", """<TextBlock ID="B"><TextLine><String CONTENT="x"/></TextLine></TextBlock>"""));
        Assert.Equal(SourceFormat.Alto, PageReader.Read("page.txt", alto).Format);
        Assert.Equal(SourceFormat.Text, PageReader.Read("page.txt", alto, SourceFormat.Text).Format);
    }
}

public class XmlEncodingTests
{
    [Fact]
    public void Latin1DeclaredAlto_IsRead()
    {
        var xml = AltoReaderTests.Alto("http://www.loc.gov/standards/alto/ns-v2#", """<TextBlock ID="A"><TextLine><String CONTENT="Zürich"/></TextLine></TextBlock>""")
            .Replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"", StringComparison.Ordinal);
        var page = PageReader.Read("latin1.xml", System.Text.Encoding.Latin1.GetBytes(xml));
        Assert.Equal("Zürich", page.Line(1).Text);
    }

    [Fact]
    public void OtherDeclaredEncodingThatIsNotUtf8_IsRefusedNamingIt()
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"windows-1252\"?><alto>Z\u00fcrich</alto>");
        var e = Assert.Throws<PageRejectedException>(() => PageReader.Read("cp1252.xml", bytes));
        Assert.Contains("windows-1252", e.Reason, StringComparison.Ordinal);
    }
}
