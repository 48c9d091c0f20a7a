using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// Every localized sentence of the sub-processor notices and the objection page, one instance per language the app
/// offers (greeting, closing, dates and the unsubscribe label are the composer's <see cref="CommonTexts"/>).
/// </summary>
public sealed record SubProcessorTexts
{
    public required IReadOnlyDictionary<ChangeAction, string> Actions { get; init; }
    /// <summary><c>{action}</c>, <c>{name}</c>.</summary>
    public required string NoticeSubject { get; init; }
    /// <summary><c>{action}</c>, <c>{name}</c>, <c>{date}</c>.</summary>
    public required string NoticeIntro { get; init; }
    public required string SubProcessor { get; init; }
    public required string LegalEntity { get; init; }
    public required string Purpose { get; init; }
    public required string DataCategories { get; init; }
    public required string Locations { get; init; }
    public required string Transfer { get; init; }
    public required string Products { get; init; }
    public required string AllProducts { get; init; }
    public required string EffectiveAt { get; init; }
    public required string Replaces { get; init; }
    public required string Summary { get; init; }
    /// <summary><c>{days}</c>, <c>{dpo}</c>.</summary>
    public required string ObjectionRight { get; init; }
    public required string ObjectionLink { get; init; }
    public required string ListNote { get; init; }
    /// <summary><c>{name}</c>.</summary>
    public required string WithdrawalSubject { get; init; }
    /// <summary><c>{name}</c>, <c>{date}</c>.</summary>
    public required string WithdrawalIntro { get; init; }
    public required string Reason { get; init; }

    // The objection page.
    public required string PageTitle { get; init; }
    public required string WindowEnds { get; init; }
    public required string WindowNotStarted { get; init; }
    public required string WindowClosed { get; init; }
    public required string ObjectLabel { get; init; }
    public required string ObjectButton { get; init; }
    public required string YourObjection { get; init; }
    public required IReadOnlyDictionary<ObjectionStatus, string> Statuses { get; init; }
    public required string Recorded { get; init; }
    public required string ChangeWithdrawn { get; init; }

    public static SubProcessorTexts For(string language) => ByLanguage.For(language);

    public static Localized<SubProcessorTexts> ByLanguage { get; } = new(new Dictionary<string, SubProcessorTexts>
    {
        ["en"] = new()
        {
            Actions = new Dictionary<ChangeAction, string> { [ChangeAction.Add] = "new sub-processor", [ChangeAction.Replace] = "replacement of a sub-processor", [ChangeAction.Remove] = "removal of a sub-processor", [ChangeAction.Update] = "change to a sub-processor" },
            NoticeSubject = "Sub-processor notice: {action} — {name}",
            NoticeIntro = "We intend a {action}: {name}. It takes effect on {date}.",
            SubProcessor = "Sub-processor", LegalEntity = "Legal entity", Purpose = "Purpose", DataCategories = "Data categories",
            Locations = "Processing locations", Transfer = "Transfer safeguard", Products = "Products", AllProducts = "all products",
            EffectiveAt = "Takes effect", Replaces = "Replaces", Summary = "Summary",
            ObjectionRight = "Under our data processing agreement you may object to this change within {days} days of this notice. Use the link below, or write to {dpo}.",
            ObjectionLink = "Object to this change",
            ListNote = "You receive this because you subscribed to our sub-processor change notices.",
            WithdrawalSubject = "Sub-processor notice withdrawn — {name}",
            WithdrawalIntro = "The change we announced for {name}, which was to take effect on {date}, has been withdrawn. Nothing changes.",
            Reason = "Reason",
            PageTitle = "Sub-processor change", WindowEnds = "You may object until", WindowNotStarted = "Your objection window starts when our notice reaches you.",
            WindowClosed = "The objection window has closed.", ObjectLabel = "Your objection (reasons)", ObjectButton = "Object",
            YourObjection = "Your objection",
            Statuses = new Dictionary<ObjectionStatus, string> { [ObjectionStatus.Open] = "received, being handled by our DPO office", [ObjectionStatus.Withdrawn] = "withdrawn", [ObjectionStatus.Accommodated] = "accommodated: your data is kept away from this sub-processor", [ObjectionStatus.Terminated] = "resolved by ending the contract" },
            Recorded = "Your objection has been recorded. Our DPO office will contact you.", ChangeWithdrawn = "This change has been withdrawn.",
        },
        ["nl"] = new()
        {
            Actions = new Dictionary<ChangeAction, string> { [ChangeAction.Add] = "nieuwe subverwerker", [ChangeAction.Replace] = "vervanging van een subverwerker", [ChangeAction.Remove] = "verwijdering van een subverwerker", [ChangeAction.Update] = "wijziging van een subverwerker" },
            NoticeSubject = "Kennisgeving subverwerker: {action} — {name}",
            NoticeIntro = "Wij plannen een {action}: {name}. Dit gaat in op {date}.",
            SubProcessor = "Subverwerker", LegalEntity = "Rechtspersoon", Purpose = "Doel", DataCategories = "Categorieën gegevens",
            Locations = "Verwerkingslocaties", Transfer = "Waarborg voor doorgifte", Products = "Producten", AllProducts = "alle producten",
            EffectiveAt = "Gaat in op", Replaces = "Vervangt", Summary = "Samenvatting",
            ObjectionRight = "Volgens onze verwerkersovereenkomst kunt u binnen {days} dagen na deze kennisgeving bezwaar maken tegen deze wijziging. Gebruik de link hieronder of schrijf naar {dpo}.",
            ObjectionLink = "Bezwaar maken tegen deze wijziging",
            ListNote = "U ontvangt dit bericht omdat u zich hebt ingeschreven voor onze kennisgevingen over subverwerkers.",
            WithdrawalSubject = "Kennisgeving subverwerker ingetrokken — {name}",
            WithdrawalIntro = "De aangekondigde wijziging voor {name}, die op {date} zou ingaan, is ingetrokken. Er verandert niets.",
            Reason = "Reden",
            PageTitle = "Wijziging van subverwerker", WindowEnds = "U kunt bezwaar maken tot", WindowNotStarted = "Uw bezwaartermijn begint zodra onze kennisgeving u bereikt.",
            WindowClosed = "De bezwaartermijn is verstreken.", ObjectLabel = "Uw bezwaar (redenen)", ObjectButton = "Bezwaar maken",
            YourObjection = "Uw bezwaar",
            Statuses = new Dictionary<ObjectionStatus, string> { [ObjectionStatus.Open] = "ontvangen, in behandeling bij onze DPO", [ObjectionStatus.Withdrawn] = "ingetrokken", [ObjectionStatus.Accommodated] = "ingewilligd: uw gegevens blijven weg van deze subverwerker", [ObjectionStatus.Terminated] = "afgehandeld door beëindiging van het contract" },
            Recorded = "Uw bezwaar is geregistreerd. Onze DPO neemt contact met u op.", ChangeWithdrawn = "Deze wijziging is ingetrokken.",
        },
        ["fr"] = new()
        {
            Actions = new Dictionary<ChangeAction, string> { [ChangeAction.Add] = "nouveau sous-traitant ultérieur", [ChangeAction.Replace] = "remplacement d'un sous-traitant ultérieur", [ChangeAction.Remove] = "retrait d'un sous-traitant ultérieur", [ChangeAction.Update] = "modification d'un sous-traitant ultérieur" },
            NoticeSubject = "Avis de sous-traitance : {action} — {name}",
            NoticeIntro = "Nous prévoyons un {action} : {name}. Prise d'effet le {date}.",
            SubProcessor = "Sous-traitant ultérieur", LegalEntity = "Entité juridique", Purpose = "Finalité", DataCategories = "Catégories de données",
            Locations = "Lieux de traitement", Transfer = "Garantie de transfert", Products = "Produits", AllProducts = "tous les produits",
            EffectiveAt = "Prise d'effet", Replaces = "Remplace", Summary = "Résumé",
            ObjectionRight = "Conformément à notre accord de traitement des données, vous pouvez vous opposer à ce changement dans les {days} jours suivant cet avis. Utilisez le lien ci-dessous ou écrivez à {dpo}.",
            ObjectionLink = "S'opposer à ce changement",
            ListNote = "Vous recevez ce message car vous êtes inscrit à nos avis de changement de sous-traitants ultérieurs.",
            WithdrawalSubject = "Avis de sous-traitance retiré — {name}",
            WithdrawalIntro = "Le changement annoncé pour {name}, qui devait prendre effet le {date}, est retiré. Rien ne change.",
            Reason = "Motif",
            PageTitle = "Changement de sous-traitant ultérieur", WindowEnds = "Vous pouvez vous opposer jusqu'au", WindowNotStarted = "Votre délai d'opposition commence lorsque notre avis vous parvient.",
            WindowClosed = "Le délai d'opposition est écoulé.", ObjectLabel = "Votre opposition (motifs)", ObjectButton = "S'opposer",
            YourObjection = "Votre opposition",
            Statuses = new Dictionary<ObjectionStatus, string> { [ObjectionStatus.Open] = "reçue, en cours de traitement par notre DPO", [ObjectionStatus.Withdrawn] = "retirée", [ObjectionStatus.Accommodated] = "acceptée : vos données sont tenues à l'écart de ce sous-traitant", [ObjectionStatus.Terminated] = "résolue par la fin du contrat" },
            Recorded = "Votre opposition est enregistrée. Notre DPO vous contactera.", ChangeWithdrawn = "Ce changement a été retiré.",
        },
        ["de"] = new()
        {
            Actions = new Dictionary<ChangeAction, string> { [ChangeAction.Add] = "neuen Unterauftragsverarbeiter", [ChangeAction.Replace] = "Ersatz eines Unterauftragsverarbeiters", [ChangeAction.Remove] = "Entfernung eines Unterauftragsverarbeiters", [ChangeAction.Update] = "Änderung eines Unterauftragsverarbeiters" },
            NoticeSubject = "Mitteilung Unterauftragsverarbeiter: {action} — {name}",
            NoticeIntro = "Wir beabsichtigen einen {action}: {name}. Wirksam ab {date}.",
            SubProcessor = "Unterauftragsverarbeiter", LegalEntity = "Rechtsträger", Purpose = "Zweck", DataCategories = "Datenkategorien",
            Locations = "Verarbeitungsorte", Transfer = "Garantie für die Übermittlung", Products = "Produkte", AllProducts = "alle Produkte",
            EffectiveAt = "Wirksam ab", Replaces = "Ersetzt", Summary = "Zusammenfassung",
            ObjectionRight = "Nach unserem Auftragsverarbeitungsvertrag können Sie dieser Änderung innerhalb von {days} Tagen nach dieser Mitteilung widersprechen. Nutzen Sie den Link unten oder schreiben Sie an {dpo}.",
            ObjectionLink = "Dieser Änderung widersprechen",
            ListNote = "Sie erhalten diese Nachricht, weil Sie unsere Mitteilungen zu Unterauftragsverarbeitern abonniert haben.",
            WithdrawalSubject = "Mitteilung zurückgezogen — {name}",
            WithdrawalIntro = "Die angekündigte Änderung für {name}, die am {date} wirksam werden sollte, wurde zurückgezogen. Es ändert sich nichts.",
            Reason = "Grund",
            PageTitle = "Änderung eines Unterauftragsverarbeiters", WindowEnds = "Sie können widersprechen bis", WindowNotStarted = "Ihre Widerspruchsfrist beginnt, sobald Sie unsere Mitteilung erreicht.",
            WindowClosed = "Die Widerspruchsfrist ist abgelaufen.", ObjectLabel = "Ihr Widerspruch (Gründe)", ObjectButton = "Widersprechen",
            YourObjection = "Ihr Widerspruch",
            Statuses = new Dictionary<ObjectionStatus, string> { [ObjectionStatus.Open] = "eingegangen, in Bearbeitung durch unseren DSB", [ObjectionStatus.Withdrawn] = "zurückgezogen", [ObjectionStatus.Accommodated] = "berücksichtigt: Ihre Daten bleiben diesem Unterauftragsverarbeiter fern", [ObjectionStatus.Terminated] = "durch Vertragsbeendigung erledigt" },
            Recorded = "Ihr Widerspruch wurde erfasst. Unser DSB meldet sich bei Ihnen.", ChangeWithdrawn = "Diese Änderung wurde zurückgezogen.",
        },
    });
}
