using FriendlyGov.Core.Domain;

namespace FriendlyGov.Core.Data;

public enum DossierChannel { InPerson = 1, Online = 2, Post = 3 } // trực tiếp · trực tuyến · bưu chính công ích
