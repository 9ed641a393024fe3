using System.Text;
using Workbench.Core.Pages;

namespace Workbench.Core.Tests.Pages;

public class PageReaderTests
{
    private static SourcePage Read(string text, string name = "page.txt") => PageReader.Read(name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Read_StripsUtf8ByteOrderMark()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("标题\n正文")).ToArray();
        var page = PageReader.Read("bom.txt", bytes);
        Assert.Equal("标题", page.Line(1).Text);
    }

    [Fact]
    public void Read_SplitsOnCrLfLoneCrAndLf()
    {
        var page = Read("一\r\n二\r三\n四");
        Assert.Equal(["一", "二", "三", "四"], page.Lines.Select(l => l.Text));
        Assert.Equal([1, 2, 3, 4], page.Lines.Select(l => l.Number));
    }

    [Fact]
    public void Read_KeepsBlankLinesInNumbering()
    {
        var page = Read("一\n\n  \n四\n");
        Assert.Equal(4, page.Lines.Count);
        Assert.True(page.Line(2).IsBlank);
        Assert.True(page.Line(3).IsBlank);
        Assert.Equal("四", page.Line(4).Text);
    }

    [Fact]
    public void Read_RefusesInvalidUtf8NamingTheFile()
    {
        var e = Assert.Throws<PageRejectedException>(() => PageReader.Read("bad.txt", [0x41, 0xFF, 0x42]));
        Assert.Contains("bad.txt", e.Message, StringComparison.Ordinal);
        Assert.Contains("UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesNulBytesNamingTheFile()
    {
        var e = Assert.Throws<PageRejectedException>(() => PageReader.Read("scan.bin", [0x41, 0x00, 0x42]));
        Assert.Contains("scan.bin", e.Message, StringComparison.Ordinal);
        Assert.Contains("NUL", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\r\n")]
    public void Read_RefusesEmptyOrWhitespaceFileNamingTheFile(string text)
    {
        var e = Assert.Throws<PageRejectedException>(() => Read(text, "empty.txt"));
        Assert.Contains("empty.txt", e.Message, StringComparison.Ordinal);
        Assert.Contains("empty", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesFileLargerThan20MegabytesNamingTheFile()
    {
        var bytes = new byte[PageReader.MaxBytes + 1];
        Array.Fill(bytes, (byte)'a');
        var e = Assert.Throws<PageRejectedException>(() => PageReader.Read("huge.txt", bytes));
        Assert.Contains("huge.txt", e.Message, StringComparison.Ordinal);
        Assert.Contains("20 MB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesLargeNonSeekableStreamNamingTheFile()
    {
        using var stream = new NonSeekableStream(new MemoryStream(new byte[PageReader.MaxBytes + 10]));
        var e = Assert.Throws<PageRejectedException>(() => PageReader.Read("stream.txt", stream));
        Assert.Contains("stream.txt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KeepsTextOutsideBasicMultilingualPlane()
    {
        Assert.Equal("𠀀字 😀 ok", Read("𠀀字 😀 ok\n").Line(1).Text);
    }

    [Fact]
    public void Read_DoesNotNormaliseText()
    {
        var page = Read("第Ⅶ章 ＡＢＣ ﬁ e\u0301\n");
        Assert.Equal("第Ⅶ章 ＡＢＣ ﬁ e\u0301", page.Line(1).Text);
    }

    [Fact]
    public void DetectFormat_TakesMarkdownFromHeadingsOrExtension()
    {
        Assert.Equal(SourceFormat.Markdown, Read("# 标题\n正文").Format);
        Assert.Equal(SourceFormat.Text, Read("标题\n正文").Format);
        Assert.Equal(SourceFormat.Markdown, PageReader.DetectFormat("a.md", "标题"));
    }

    private sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
