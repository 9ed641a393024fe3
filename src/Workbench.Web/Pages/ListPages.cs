namespace Workbench.Web.Pages;

/// <summary>Paging arithmetic shared by the paged lists (project pages, review queue, audit, My work).</summary>
public static class ListPages
{
    /// <summary>How many list pages <paramref name="total"/> rows fill, <paramref name="size"/> a page; at least one (an empty list still shows).</summary>
    public static int Count(int total, int size) => Math.Max(1, (total + size - 1) / size);
}
