using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Segmentation;

/// <summary>A dateline printed on a line of its own (European papers, 19th century to now) is a dateline, not running text or a heading.</summary>
public class LatinDatelineTests
{
    [Theory]
    [InlineData("Bruxelles, 28 juillet.")]
    [InlineData("Vienne ( Autriche ) , 21 juillet.")]
    [InlineData("Londres , 28 juillet.")]
    [InlineData("London, 3rd March 1846")]
    [InlineData("Bern, den 27. Dezember.")]
    [InlineData("Amsterdam, 14 augustus 1890.")]
    [InlineData("Roma, 2 giugno.")]
    public void ALineThatIsOnlyPlaceAndDate_IsADateline(string text) =>
        Assert.Equal(LineKind.Dateline, LineClassifier.Classify(new SourceLine(1, text), SourceFormat.Alto).Kind);

    [Theory]
    [InlineData("Paris, the capital, voted on 28 July to close the bridge.")]
    [InlineData("On 28 juillet the council met.")]
    [InlineData("Bruxelles, 28 juillet. Le roi est arrivé hier soir.")]
    public void RunningTextWithADateInIt_IsNotADateline(string text) =>
        Assert.NotEqual(LineKind.Dateline, LineClassifier.Classify(new SourceLine(1, text), SourceFormat.Alto).Kind);
}
