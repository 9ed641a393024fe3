using System.Text;
using Workbench.Core.Export;
using Workbench.Core.Pages;

namespace Workbench.Core.Tests.Pages;

/// <summary>
/// Issue 17 H1: a file nesting 100,000 levels overflowed the stack of the recursive walkers and killed the server. Every reader
/// refuses it by name; the test host surviving each case is the "process alive" half.
/// </summary>
public class NestingDepthTests
{
    private const int Levels = 100_000;

    private static string Nest(string open, string close, string inner = "", int levels = Levels) =>
        string.Concat(Enumerable.Repeat(open, levels)) + inner + string.Concat(Enumerable.Repeat(close, levels));

    public static TheoryData<string, string> DeepLayoutFiles => new()
    {
        // PAGE: ReadingOrder groups nested 100,000 deep (3.6 MB in the report).
        { "deep.page.xml", $"""<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"><Page><ReadingOrder>{Nest("<OrderedGroup id=\"g\">", "</OrderedGroup>")}</ReadingOrder><TextRegion id="r"><TextLine id="l"><TextEquiv><Unicode>x</Unicode></TextEquiv></TextLine></TextRegion></Page></PcGts>""" },
        // hOCR: 100,000 nested <div> (1.1 MB in the report).
        { "deep.hocr", $"""<html><body><div class='ocr_page' title='bbox 0 0 9 9'>{Nest("<div>", "</div>", "<span class='ocr_line'>x</span>")}</div></body></html>""" },
        { "deep.alto.xml", $"""<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page><PrintSpace>{Nest("<ComposedBlock>", "</ComposedBlock>", "<TextBlock><TextLine><String CONTENT=\"x\"/></TextLine></TextBlock>")}</PrintSpace></Page></Layout></alto>""" },
    };

    [Theory]
    [MemberData(nameof(DeepLayoutFiles))]
    public void LayoutReaders_RefuseDeepNestingByName(string name, string content)
    {
        var e = Assert.Throws<PageRejectedException>(() => PageReader.Read(name, Encoding.UTF8.GetBytes(content)));

        Assert.Equal(name, e.SourceName);
        Assert.Contains($"more than {XmlSafety.MaxDepth} levels", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MetsReader_RefusesDeepNestingByName()
    {
        var mets = $"""<mets xmlns="http://www.loc.gov/METS/"><structMap TYPE="LOGICAL">{Nest("<div TYPE=\"SECTION\">", "</div>")}</structMap></mets>""";

        var e = Assert.Throws<PageRejectedException>(() => MetsReader.Read("deep-METS.xml", Encoding.UTF8.GetBytes(mets)));

        Assert.Contains("deep-METS.xml", e.Message, StringComparison.Ordinal);
        Assert.Contains($"more than {XmlSafety.MaxDepth} levels", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void XmlJustInsideTheLimit_IsRead()
    {
        var inner = Nest("<ComposedBlock>", "</ComposedBlock>", "<TextBlock><TextLine><String CONTENT=\"x\"/></TextLine></TextBlock>", XmlSafety.MaxDepth - 8);

        var page = PageReader.Read("ok.xml", Encoding.UTF8.GetBytes($"""<alto><Layout><Page><PrintSpace>{inner}</PrintSpace></Page></Layout></alto>"""));

        Assert.Equal("x", page.Line(1).Text);
    }

    public static TheoryData<string, AnnotationFormat?, string> DeepAnnotationFiles => new()
    {
        { "deep.jsonl", AnnotationFormat.NerJsonl, "{\"text\": \"x\", \"entities\": " + Nest("[", "]") + "}\n" },
        { "deep.jsonl", AnnotationFormat.Doccano, "{\"text\": \"x\", \"label\": " + Nest("[", "]") + "}\n" },
        { "deep.json", AnnotationFormat.Cluener, "{\"text\": \"x\", \"label\": " + Nest("{\"a\":", "}", "1") + "}\n" },
        { "deep.json", AnnotationFormat.LabelStudio, Nest("[", "]") },
        { "deep.json", null, Nest("[", "]") },
        { "deep.jsonl", null, "{\"text\": \"x\", \"spans\": " + Nest("[", "]") + "}\n" },
    };

    [Theory]
    [MemberData(nameof(DeepAnnotationFiles))]
    public void AnnotationReaders_RefuseDeepNestingByName(string name, AnnotationFormat? format, string content)
    {
        var e = Assert.Throws<AnnotationImportException>(() => AnnotationImport.Read(name, Encoding.UTF8.GetBytes(content), format));

        Assert.Contains("nests more than 64 levels", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, e.Record);
    }
}
