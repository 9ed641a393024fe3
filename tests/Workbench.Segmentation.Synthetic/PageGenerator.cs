using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ImageMagick;
using Microsoft.Playwright;
using Workbench.Core.Pages;
using Workbench.Segmentation.Evaluation;

namespace Workbench.Segmentation.Synthetic;

/// <summary>A printed line as the browser laid it out: its article, role, text and box (CSS pixels = image pixels).</summary>
public sealed record PrintedLine(string Article, string Role, string Text, int X, int Y, int Width, int Height);

/// <summary>
/// Renders one planned page in headless Chromium, OCRs the PNG with Tesseract into hOCR and ALTO (one run), and writes
/// for each OCR file a gold file mapping every OCR line to the printed line it overlaps most (see <see cref="Label"/>).
/// Files, for page <c>zh-0002</c>: <c>zh-0002.png</c> (kept only where asked, else deleted), <c>.hocr</c>, <c>.alto.xml</c>,
/// <c>.hocr.gold.json</c>, <c>.alto.xml.gold.json</c>, <c>.layout.json</c> (the printed truth), optionally <c>.jpg</c>.
/// </summary>
public sealed class PageGenerator(IBrowser browser)
{
    /// <summary>An OCR line is noise when less than this share of its box lies on printed lines.</summary>
    public const double NoiseOverlap = 0.25;

    /// <summary>An OCR line is mixed when the article covering most of it covers less than this share of what printed lines cover.</summary>
    public const double MixedShare = 0.8;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public async Task<TimeSpan> GenerateAsync(string language, int number, string folder, bool keepImage)
    {
        var watch = Stopwatch.StartNew();
        var prefix = language == "zh" ? "zh" : "la";
        var name = $"{prefix}-{number.ToString("0000", CultureInfo.InvariantCulture)}";
        var seed = (language == "zh" ? 100_000 : 200_000) + number;
        var plan = new PageLayout(language, seed).Plan();
        Directory.CreateDirectory(folder);
        var basePath = Path.Combine(folder, name);

        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = plan.Width, Height = plan.Height }, DeviceScaleFactor = 1 });
        List<PrintedLine> printed;
        try
        {
            var page = await context.NewPageAsync();
            await page.SetContentAsync(plan.Html);
            await page.EvaluateAsync("document.fonts.ready");
            await page.EvaluateAsync("fill()");
            printed = JsonSerializer.Deserialize<List<PrintedLine>>(await page.EvaluateAsync<string>("JSON.stringify(lines())"), Json)!.Where(l => l.Text.Length > 0).ToList();
            await page.Locator("#page").ScreenshotAsync(new() { Path = basePath + ".png" });
        }
        finally
        {
            await context.CloseAsync();
        }

        await TesseractAsync(folder, name, language == "zh" ? "chi_sim" : "eng");
        File.Move(basePath + ".xml", basePath + ".alto.xml", overwrite: true);
        var titles = plan.Articles.ToDictionary(a => a.Id, a => a.PrintedTitle, StringComparer.Ordinal);
        var about = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["generator"] = "tests/Workbench.Segmentation.Synthetic",
            ["language"] = language,
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
        };
        if (keepImage)
        {
            about["image"] = name + ".jpg";
        }

        foreach (var suffix in new[] { ".hocr", ".alto.xml" })
        {
            var file = basePath + suffix;
            var page = PageReader.Read(Path.GetFileName(file), File.ReadAllBytes(file));
            var gold = Label(Path.GetFileName(file), page, printed, plan.Articles) with { About = about };
            await File.WriteAllTextAsync(file + ".gold.json", gold.ToJson());
        }

        var layout = new
        {
            source = name + ".png",
            width = plan.Width,
            height = plan.Height,
            articles = plan.Articles.Select(a => new { a.Id, a.Kind, title = titles[a.Id] }),
            lines = printed,
        };
        await File.WriteAllTextAsync(basePath + ".layout.json", JsonSerializer.Serialize(layout, Json) + "\n");
        if (keepImage)
        {
            using var image = new MagickImage(basePath + ".png");
            image.Resize(new Percentage(50));
            image.Quality = 70;
            await image.WriteAsync(basePath + ".jpg");
        }

        if (Environment.GetEnvironmentVariable("SYNTHETIC_KEEP_PNG") != "1")
        {
            File.Delete(basePath + ".png");
        }

        return watch.Elapsed;
    }

    /// <summary>
    /// Writes the gold files of an already generated page again from its <c>.layout.json</c> and OCR files (after a change in
    /// <see cref="Label"/>; no rendering, no OCR). Returns false when the page is not complete.
    /// </summary>
    public static async Task<bool> RelabelAsync(string folder, string name)
    {
        var basePath = Path.Combine(folder, name);
        if (!File.Exists(basePath + ".layout.json") || !File.Exists(basePath + ".alto.xml.gold.json"))
        {
            return false;
        }

        using var layout = JsonDocument.Parse(await File.ReadAllTextAsync(basePath + ".layout.json"));
        var printed = JsonSerializer.Deserialize<List<PrintedLine>>(layout.RootElement.GetProperty("lines").GetRawText(), Json)!;
        var articles = layout.RootElement.GetProperty("articles").EnumerateArray()
            .Select(a => new PlannedArticle(a.GetProperty("id").GetString()!, a.GetProperty("kind").GetString()!, a.GetProperty("title").GetString()!)).ToList();
        foreach (var suffix in new[] { ".hocr", ".alto.xml" })
        {
            var file = basePath + suffix;
            var about = GoldPage.Read(file + ".gold.json").About;
            var page = PageReader.Read(Path.GetFileName(file), File.ReadAllBytes(file));
            await File.WriteAllTextAsync(file + ".gold.json", (Label(Path.GetFileName(file), page, printed, articles) with { About = about }).ToJson());
        }

        return true;
    }

    /// <summary>
    /// Gold for one OCR file: each non-blank line with a box goes to the article whose printed lines cover most of its box
    /// (its role: that of the printed line it overlaps most); a line with less than <see cref="NoiseOverlap"/> of its box on
    /// printed lines is noise; a line whose main article covers under <see cref="MixedShare"/> of its printed overlap (column
    /// OCR that ran across a gutter into another article) is mixed. Articles keep the plan's order and ids; those with no OCR line are left out. Titles are
    /// not written: the evaluator reads them from the lines labelled "headline".
    /// </summary>
    public static GoldPage Label(string source, SourcePage page, IReadOnlyList<PrintedLine> printed, IReadOnlyList<PlannedArticle> articles)
    {
        var linesOf = articles.ToDictionary(a => a.Id, _ => new List<GoldLine>(), StringComparer.Ordinal);
        var noise = new List<GoldLineKey>();
        var mixed = new List<GoldLineKey>();
        foreach (var line in page.Lines.Where(l => !l.IsBlank))
        {
            var key = line.LineId is { } id ? GoldLineKey.OfId(id) : GoldLineKey.OfNumber(line.Number);
            if (line.Box is not { } box || box.Width <= 0 || box.Height <= 0)
            {
                noise.Add(key);
                continue;
            }

            var byArticle = new Dictionary<string, double>(StringComparer.Ordinal);
            PrintedLine? best = null;
            double bestArea = 0, total = 0;
            foreach (var p in printed)
            {
                var area = Intersection(box, p);
                if (area <= 0)
                {
                    continue;
                }

                total += area;
                byArticle[p.Article] = byArticle.GetValueOrDefault(p.Article) + area;
                if (area > bestArea)
                {
                    (best, bestArea) = (p, area);
                }
            }

            if (best is null || total < NoiseOverlap * box.Width * box.Height)
            {
                noise.Add(key);
                continue;
            }

            var (article, share) = byArticle.MaxBy(p => p.Value);
            if (share < MixedShare * total)
            {
                mixed.Add(key);
                continue;
            }

            var role = best.Article == article ? best.Role : printed.Where(p => p.Article == article).MaxBy(p => Intersection(box, p))!.Role;
            linesOf[article].Add(new GoldLine(key, role));
        }

        var gold = articles.Where(a => linesOf[a.Id].Count > 0).Select(a => new GoldArticle(a.Id, null, linesOf[a.Id]) { Kind = a.Kind }).ToList();
        return new GoldPage(source, gold) { Noise = noise, Mixed = mixed };
    }

    private static double Intersection(LineBox box, PrintedLine p)
    {
        var width = Math.Min(box.X + box.Width, p.X + p.Width) - Math.Max(box.X, p.X);
        var height = Math.Min(box.Y + box.Height, p.Y + p.Height) - Math.Max(box.Y, p.Y);
        return width > 0 && height > 0 ? (double)width * height : 0;
    }

    /// <summary>Runs in the page's folder with relative names, so the OCR files name the image without a machine's path.</summary>
    private static async Task TesseractAsync(string folder, string name, string language)
    {
        var image = name + ".png";
        var start = new ProcessStartInfo("nice") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = folder };
        foreach (var arg in new[] { "-n", "10", "tesseract", image, name, "-l", language, "hocr", "alto" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["OMP_THREAD_LIMIT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start tesseract");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tesseract failed on {image} (exit {process.ExitCode}): {await stderr}");
        }
    }
}
