namespace Portal.Features.Admin;

/// <summary>A key-value setting an admin changes at run time (e.g. the sign-up mode).</summary>
public sealed class PortalSetting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}
