using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.Retention;

/// <summary>Every localized sentence of the end-of-contract emails and the choice page, one instance per offered language.</summary>
public sealed record RetentionTexts
{
    public required string ChoiceSubject { get; init; }
    /// <summary><c>{processor}</c>, <c>{endsAt}</c>, <c>{deadline}</c>, <c>{default}</c>.</summary>
    public required string ChoiceBody { get; init; }
    public required string ReminderSubject { get; init; }
    public required string ChoiceLink { get; init; }
    public required string CertificateSubject { get; init; }
    /// <summary><c>{processor}</c>.</summary>
    public required string CertificateBody { get; init; }
    public required string Certificate { get; init; }
    public required string Digest { get; init; }
    public required string Verify { get; init; }
    public required string Kept { get; init; }
    public required IReadOnlyDictionary<string, string> Kinds { get; init; }

    // The choice page.
    public required string PageTitle { get; init; }
    public required string ContractEnds { get; init; }
    public required string ChooseBy { get; init; }
    public required string Products { get; init; }
    public required string DeleteOption { get; init; }
    public required string ReturnOption { get; init; }
    public required string ReturnContact { get; init; }
    public required string ReturnFormat { get; init; }
    public required string ChooseButton { get; init; }
    public required string Chosen { get; init; }
    public required string DeadlinePassed { get; init; }

    public static RetentionTexts For(string language) => ByLanguage.For(language);

    public static Localized<RetentionTexts> ByLanguage { get; } = new(new Dictionary<string, RetentionTexts>
    {
        ["en"] = new()
        {
            ChoiceSubject = "End of contract: choose deletion or return of your data", ReminderSubject = "Reminder: choose deletion or return of your data",
            ChoiceBody = "Your contract with {processor} ends on {endsAt}. Under our data processing agreement you choose whether we delete all your personal data or return it to you (and then delete our copies). Please choose by {deadline}; without a choice, {default} applies.",
            ChoiceLink = "Choose deletion or return", CertificateSubject = "Certificate of deletion of your data",
            CertificateBody = "{processor} certifies that your data has been handled as chosen. The certificate below lists what was deleted or returned, and when; anything kept under a legal obligation is named with its basis and end.",
            Certificate = "Certificate", Digest = "Digest (SHA-256)", Verify = "Verify this certificate", Kept = "Kept under a legal obligation",
            Kinds = new Dictionary<string, string> { ["delete"] = "deletion", ["return"] = "return" },
            PageTitle = "End of contract: your data", ContractEnds = "Contract ends", ChooseBy = "Choose by", Products = "Products",
            DeleteOption = "Delete all our copies of your personal data", ReturnOption = "Return the data to us, then delete all copies",
            ReturnContact = "Send the data to (email)", ReturnFormat = "Format", ChooseButton = "Confirm my choice", Chosen = "Your choice",
            DeadlinePassed = "The choice deadline has passed.",
        },
        ["nl"] = new()
        {
            ChoiceSubject = "Einde contract: kies wissen of teruggeven van uw gegevens", ReminderSubject = "Herinnering: kies wissen of teruggeven van uw gegevens",
            ChoiceBody = "Uw contract met {processor} eindigt op {endsAt}. Volgens onze verwerkersovereenkomst kiest u of wij al uw persoonsgegevens wissen of aan u teruggeven (en daarna onze kopieën wissen). Kies uiterlijk op {deadline}; zonder keuze geldt {default}.",
            ChoiceLink = "Kies wissen of teruggeven", CertificateSubject = "Certificaat van verwijdering van uw gegevens",
            CertificateBody = "{processor} verklaart dat uw gegevens volgens uw keuze zijn behandeld. Het certificaat hieronder vermeldt wat werd gewist of teruggegeven en wanneer; wat wij op grond van een wettelijke plicht bewaren, staat er met grondslag en einddatum bij.",
            Certificate = "Certificaat", Digest = "Digest (SHA-256)", Verify = "Dit certificaat controleren", Kept = "Bewaard op grond van een wettelijke plicht",
            Kinds = new Dictionary<string, string> { ["delete"] = "wissen", ["return"] = "teruggeven" },
            PageTitle = "Einde contract: uw gegevens", ContractEnds = "Contract eindigt", ChooseBy = "Kies uiterlijk", Products = "Producten",
            DeleteOption = "Al onze kopieën van uw persoonsgegevens wissen", ReturnOption = "De gegevens aan ons teruggeven en daarna alle kopieën wissen",
            ReturnContact = "Gegevens sturen naar (e-mail)", ReturnFormat = "Formaat", ChooseButton = "Mijn keuze bevestigen", Chosen = "Uw keuze",
            DeadlinePassed = "De termijn om te kiezen is verstreken.",
        },
        ["fr"] = new()
        {
            ChoiceSubject = "Fin du contrat : choisissez la suppression ou la restitution de vos données", ReminderSubject = "Rappel : choisissez la suppression ou la restitution de vos données",
            ChoiceBody = "Votre contrat avec {processor} prend fin le {endsAt}. Selon notre accord de traitement des données, vous choisissez si nous supprimons toutes vos données à caractère personnel ou vous les restituons (puis supprimons nos copies). Choisissez au plus tard le {deadline} ; sans choix, la {default} s'applique.",
            ChoiceLink = "Choisir la suppression ou la restitution", CertificateSubject = "Certificat de suppression de vos données",
            CertificateBody = "{processor} certifie que vos données ont été traitées selon votre choix. Le certificat ci-dessous indique ce qui a été supprimé ou restitué, et quand ; ce qui est conservé en vertu d'une obligation légale y figure avec sa base et sa fin.",
            Certificate = "Certificat", Digest = "Empreinte (SHA-256)", Verify = "Vérifier ce certificat", Kept = "Conservé en vertu d'une obligation légale",
            Kinds = new Dictionary<string, string> { ["delete"] = "suppression", ["return"] = "restitution" },
            PageTitle = "Fin du contrat : vos données", ContractEnds = "Fin du contrat", ChooseBy = "Choisir au plus tard le", Products = "Produits",
            DeleteOption = "Supprimer toutes nos copies de vos données", ReturnOption = "Nous restituer les données, puis supprimer toutes les copies",
            ReturnContact = "Envoyer les données à (e-mail)", ReturnFormat = "Format", ChooseButton = "Confirmer mon choix", Chosen = "Votre choix",
            DeadlinePassed = "Le délai pour choisir est écoulé.",
        },
        ["de"] = new()
        {
            ChoiceSubject = "Vertragsende: Löschung oder Rückgabe Ihrer Daten wählen", ReminderSubject = "Erinnerung: Löschung oder Rückgabe Ihrer Daten wählen",
            ChoiceBody = "Ihr Vertrag mit {processor} endet am {endsAt}. Nach unserem Auftragsverarbeitungsvertrag wählen Sie, ob wir alle Ihre personenbezogenen Daten löschen oder an Sie zurückgeben (und danach unsere Kopien löschen). Bitte wählen Sie bis {deadline}; ohne Wahl gilt die {default}.",
            ChoiceLink = "Löschung oder Rückgabe wählen", CertificateSubject = "Bescheinigung über die Löschung Ihrer Daten",
            CertificateBody = "{processor} bescheinigt, dass Ihre Daten wie gewählt behandelt wurden. Die Bescheinigung unten nennt, was wann gelöscht oder zurückgegeben wurde; was aufgrund einer gesetzlichen Pflicht aufbewahrt wird, ist mit Rechtsgrundlage und Ende genannt.",
            Certificate = "Bescheinigung", Digest = "Prüfsumme (SHA-256)", Verify = "Diese Bescheinigung prüfen", Kept = "Aufbewahrt aufgrund gesetzlicher Pflicht",
            Kinds = new Dictionary<string, string> { ["delete"] = "Löschung", ["return"] = "Rückgabe" },
            PageTitle = "Vertragsende: Ihre Daten", ContractEnds = "Vertrag endet", ChooseBy = "Wählen bis", Products = "Produkte",
            DeleteOption = "Alle unsere Kopien Ihrer Daten löschen", ReturnOption = "Die Daten an uns zurückgeben, danach alle Kopien löschen",
            ReturnContact = "Daten senden an (E-Mail)", ReturnFormat = "Format", ChooseButton = "Meine Wahl bestätigen", Chosen = "Ihre Wahl",
            DeadlinePassed = "Die Frist für die Wahl ist abgelaufen.",
        },
    });
}
