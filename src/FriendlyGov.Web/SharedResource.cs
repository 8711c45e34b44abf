namespace FriendlyGov.Web;

/// <summary>Marker for Resources/SharedResource.*.resx. Keys are the Vietnamese text itself: Vietnamese is the default.</summary>
public sealed class SharedResource;
