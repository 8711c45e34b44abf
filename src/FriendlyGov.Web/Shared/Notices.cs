using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// The notice shown once after an action ("Đã lưu…"), on the page the action redirects to. The layout shows it in the reader's
/// language: it translates the fixed sentence, then fills its numbered places ({0}, {1}) with the values: codes, names and
/// counts as given, and a value that has an entry of its own (an action's name) translated. The notice travels in the
/// protected TempData cookie, never in the address, so nobody can put words of their own in the app's mouth with a crafted
/// link. Every sentence given here has an English entry (LocalizationTests).
/// </summary>
public static class Notices
{
    public const string Key = "Notice", ValuesKey = "NoticeValues";

    public static void Notice(this PageModel page, string sentence, params object[] values)
    {
        page.TempData[Key] = sentence;
        if (values.Length > 0) page.TempData[ValuesKey] = values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToArray();
    }
}
