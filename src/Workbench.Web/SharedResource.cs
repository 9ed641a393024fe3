namespace Workbench.Web;

/// <summary>
/// Marker for the strings several pages share (roles, statuses, block roles, the layout, common buttons):
/// <c>IStringLocalizer&lt;SharedResource&gt;</c> reads <c>Resources/SharedResource(.zh-Hans).resx</c>.
/// </summary>
public sealed class SharedResource
{
    private SharedResource()
    {
    }
}
