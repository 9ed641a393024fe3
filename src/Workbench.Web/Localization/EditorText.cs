namespace Workbench.Web.Localization;

/// <summary>
/// Marker for the text of the pages under Pages/Editor (the editor, its History and Re-segment pages):
/// Resources/Localization/EditorText.resx and EditorText.zh-Hans.resx, used as IStringLocalizer&lt;EditorText&gt;.
/// </summary>
public sealed class EditorText;
