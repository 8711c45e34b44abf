using FriendlyGov.Core.Domain;

namespace FriendlyGov.Core.Data;

public enum RatingSource { Dossier = 1, Kiosk = 2, Public = 3, Petition = 4 } // sau trả kết quả · tại quầy · trên cổng · sau trả lời PAKN
