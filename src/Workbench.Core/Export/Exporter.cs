using System.Reflection;

namespace Workbench.Core.Export;

/// <summary>Streams articles into the writers of one format, one file per split, and writes <c>manifest.json</c>.</summary>
public static class Exporter
{
    /// <summary>
    /// Exports <paramref name="articles"/> (enumerated once, one at a time) in <c>options.Format</c>. Each article
    /// goes to the split <see cref="SplitAssigner"/> gives its id (for <c>segmentation</c>, its page's source, so a
    /// page stays whole). Every split file is created even when empty. <paramref name="openFile"/> gets a file name
    /// and returns a writable stream, which is disposed here. Returns the manifest, which is also written.
    /// </summary>
    public static ExportManifest Run(IEnumerable<ExportArticle> articles, ExportOptions options, Func<string, Stream> openFile)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(openFile);
        _ = ExportFormats.FileName(options.Format, null); // refuse an unknown format before opening anything

        var assigner = new SplitAssigner(options.Split, options.Seed);
        var outputs = new Dictionary<string, Output>(StringComparer.Ordinal);
        try
        {
            foreach (var split in assigner.Names)
            {
                var name = ExportFormats.FileName(options.Format, options.Split is null ? null : split);
                var stream = new HashingStream(openFile(name));
                outputs[split] = new Output(name, stream, ExportFormats.CreateWriter(options.Format, stream));
            }

            var dropped = new List<ExportDrop>();
            var untouched = new List<string>();
            var exported = new HashSet<string>(StringComparer.Ordinal);
            var bySegmentationPage = options.Format == ExportFormats.Segmentation;
            foreach (var article in articles)
            {
                var split = assigner.Assign(bySegmentationPage ? article.PageGroup ?? article.Page.Source : article.Id);
                var output = outputs[split];
                output.Writer.Write(article, split);
                output.Articles++;
                foreach (var entity in article.Entities)
                {
                    output.Count(entity.Label, 1);
                }

                dropped.AddRange(article.Dropped);
                exported.Add(article.Id);
                if (article.Annotators.Count == 0)
                {
                    untouched.Add(article.Id);
                }

            }

            var splits = new List<ManifestSplit>();
            var files = new List<ManifestFile>();
            var labels = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var split in assigner.Names)
            {
                var output = outputs[split];
                output.Writer.Complete();
                foreach (var drop in output.Writer.Dropped)
                {
                    dropped.Add(drop);
                    output.Count(drop.Label ?? "", -1);
                }

                output.Close();
                files.Add(new ManifestFile(output.Name, output.Stream.Length, output.Stream.HashHex()));
                var splitLabels = new SortedDictionary<string, int>(output.Labels.Where(p => p.Value != 0).ToDictionary(), StringComparer.Ordinal);
                foreach (var (label, n) in splitLabels)
                {
                    labels[label] = labels.GetValueOrDefault(label) + n;
                }

                splits.Add(new ManifestSplit(split, output.Articles, splitLabels.Values.Sum(), splitLabels));
            }

            var manifest = new ExportManifest(
                options.Format,
                options.ToolVersion ?? ToolVersion(),
                options.Project,
                options.Filters,
                options.Split?.ToString(),
                options.Seed,
                splits,
                labels,
                dropped,
                files,
                options.Clock.GetUtcNow())
            {
                HeldBack = options.Counters.HeldBack,
                RelationsNotImported = options.Counters.RelationsNotImported,
                Untouched = untouched,
                Agreement = options.Agreement is { } agreement ? ManifestAgreement.From(agreement, exported) : null,
            };
            using (var stream = openFile(ExportManifest.FileName))
            {
                manifest.Write(stream);
            }

            return manifest;
        }
        finally
        {
            foreach (var output in outputs.Values)
            {
                output.Close();
            }
        }
    }

    private static string ToolVersion() =>
        typeof(Exporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Exporter).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private sealed class Output(string name, HashingStream stream, IExportWriter writer)
    {
        public string Name { get; } = name;

        public HashingStream Stream { get; } = stream;

        public IExportWriter Writer { get; } = writer;

        private bool closed;

        /// <summary>Releases the writer's buffers, then the stream; once (a writer flushes on dispose, and the stream is gone after).</summary>
        public void Close()
        {
            if (closed)
            {
                return;
            }

            closed = true;
            Writer.Dispose();
            Stream.Dispose();
        }

        public int Articles { get; set; }

        public Dictionary<string, int> Labels { get; } = new(StringComparer.Ordinal);

        public void Count(string label, int delta) => Labels[label] = Labels.GetValueOrDefault(label) + delta;
    }
}
