using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Text;
using Workbench.Core.Pages;
using Workbench.Web.Data;
using Workbench.Web.Import;
using Workbench.Web.Tests.Support;
using Xunit.Abstractions;

namespace Workbench.Web.Tests.Security;

/// <summary>
/// Image bombs (M1): files that declare huge sizes are refused from their header, before anything is decoded, with the
/// server's peak memory near its baseline; cut-short files are refused; a full disk leaves no file behind.
/// </summary>
public sealed class ImageBombTests(WorkbenchFactory factory, ITestOutputHelper output) : IClassFixture<WorkbenchFactory>
{
    private const long Headroom = 500L * 1024 * 1024;

    [Fact]
    public async Task HugeDeclaredSizes_AreRefusedBeforeDecoding_WithPeakMemoryUnderBaselinePlus500MB()
    {
        var client = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();
        var jpeg = TruncatedJpeg(30_000, 30_000);
        var png = HeaderOnlyPng(30_000, 30_000);
        Assert.True(jpeg.Length < 2048, $"the JPEG bomb is {jpeg.Length} bytes");
        var token = await HttpExtensions.AntiforgeryTokenAsync(client, $"/Projects/{projectId}");
        var baseline = ResetPeak();

        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, bytes) in new[] { ("bomb-j.txt", Page("j")), ("bomb-j.jpg", jpeg), ("bomb-p.txt", Page("p")), ("bomb-p.png", png) })
        {
            content.Add(new ByteArrayContent(bytes), "files", name);
        }

        var response = await client.PostAsync($"/Projects/{projectId}?handler=Upload", content);
        var peak = Peak();
        output.WriteLine($"baseline RSS {baseline / 1048576} MB, peak {peak / 1048576} MB");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = WebUtility.HtmlDecode(await client.GetHtmlAsync(response.Headers.Location!.ToString()));
        Assert.Contains($"bomb-j.jpg: {ImageMessages.TooManyPixels(30_000, 30_000, PageImageStore.MaxPixels)}", html, StringComparison.Ordinal);
        Assert.Contains($"bomb-p.png: {ImageMessages.TooManyPixels(30_000, 30_000, PageImageStore.MaxPixels)}", html, StringComparison.Ordinal);
        Assert.Contains("bomb-j.txt: imported", html, StringComparison.Ordinal);
        if (baseline is null || peak is null)
        {
            output.WriteLine("No /proc/self/status here: the memory bound is not measured.");
            return;
        }

        Assert.True(peak - baseline < Headroom, $"peak {peak / 1048576} MB against baseline {baseline / 1048576} MB");
    }

    [Fact]
    public void ACutShortJpeg_IsRefusedAsDamaged()
    {
        var whole = LayoutFixtures.Jpeg(400, 300);
        var cut = whole[..(whole.Length / 2)];

        var refused = Assert.Throws<PageRejectedException>(() => PageImageStore.Prepare("cut.jpg", cut));

        Assert.Contains("cut short or damaged", refused.Message, StringComparison.Ordinal);
        Assert.Equal(400, PageImageStore.Prepare("whole.jpg", whole).Width);
    }

    [Fact]
    public void AScanUnderTheLimit_IsStillTaken()
    {
        var image = PageImageStore.Prepare("ok.png", LayoutFixtures.Png(2000, 1500));

        Assert.Equal((2000, 1500), (image.Width, image.Height));
    }

    [Fact]
    public async Task AFullDisk_LeavesNoFileBehind()
    {
        var mount = Directory.CreateTempSubdirectory("workbench-full-").FullName;
        try
        {
            if (!await TryMountAsync(mount))
            {
                output.WriteLine("Cannot mount a small tmpfs here (not root, or no mount permission): skipped.");
                return;
            }

            var store = new PageImageStore(new DataPaths(mount, "Data Source=:memory:") { ImagesDirectory = mount });
            var image = PageImageStore.Prepare("big.png", LayoutFixtures.Png(600, 600)) with { Bytes = new byte[256 * 1024] };

            await Assert.ThrowsAnyAsync<IOException>(() => store.SaveAsync(7, image));

            Assert.Empty(Directory.GetFiles(mount, "*", SearchOption.AllDirectories));
        }
        finally
        {
            await RunAsync("umount", mount);
            Directory.Delete(mount, recursive: true);
        }
    }

    /// <summary>A real small baseline JPEG whose frame header claims width × height, cut off a few bytes into its scan.</summary>
    private static byte[] TruncatedJpeg(int width, int height)
    {
        var bytes = LayoutFixtures.Jpeg(64, 64);
        var sof = IndexOfMarker(bytes, 0xC0);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 7), (ushort)width);
        var sos = IndexOfMarker(bytes, 0xDA);
        return bytes[..(sos + 40)];
    }

    /// <summary>A well-formed PNG (valid chunks and CRCs) declaring width × height, with one small compressed row of data.</summary>
    private static byte[] HeaderOnlyPng(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        Chunk(png, "IHDR", ihdr);
        using var data = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[1 + (3 * width)]);
        }

        Chunk(png, "IDAT", data.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static int IndexOfMarker(byte[] bytes, byte marker)
    {
        for (var i = 2; i < bytes.Length - 1; i++)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] == marker)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"No FF{marker:X2} marker.");
    }

    private static byte[] Page(string tag) => Encoding.UTF8.GetBytes($"炸弹测试 {tag}\n\n第一行。{Guid.NewGuid():N}\n");

    /// <summary>Resets the kernel's peak-RSS mark (VmHWM) to the current RSS and returns that RSS in bytes; null off Linux.</summary>
    private static long? ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return Status("VmRSS");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? Peak() => Status("VmHWM");

    private static long? Status(string key)
    {
        if (!File.Exists("/proc/self/status"))
        {
            return null;
        }

        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    private static async Task<bool> TryMountAsync(string mount) =>
        OperatingSystem.IsLinux() && await RunAsync("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount) == 0;

    private static async Task<int> RunAsync(string file, params string[] args)
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            await process.WaitForExitAsync();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
