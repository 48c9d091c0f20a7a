using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.Breaches;

/// <summary>Every localized sentence of the breach notices and the acknowledgement page, one instance per offered language.</summary>
public sealed record BreachTexts
{
    /// <summary><c>{title}</c>.</summary>
    public required string InitialSubject { get; init; }
    public required string PhasedSubject { get; init; }
    /// <summary><c>{number}</c>, <c>{title}</c>.</summary>
    public required string UpdateSubject { get; init; }
    public required string ClosureSubject { get; init; }
    public required string RenotifySubject { get; init; }
    /// <summary><c>{processor}</c>.</summary>
    public required string InitialIntro { get; init; }
    public required string PhasedIntro { get; init; }
    /// <summary><c>{number}</c>.</summary>
    public required string UpdateIntro { get; init; }
    public required string ClosureIntro { get; init; }
    public required string RenotifyIntro { get; init; }
    public required string Reference { get; init; }
    public required string Title { get; init; }
    public required string DetectedAt { get; init; }
    public required string Nature { get; init; }
    public required string DataSubjectCategories { get; init; }
    public required string DataSubjectsApprox { get; init; }
    public required string RecordCategories { get; init; }
    public required string RecordsApprox { get; init; }
    public required string ContactPoint { get; init; }
    public required string LikelyConsequences { get; init; }
    public required string Measures { get; init; }
    public required string Systems { get; init; }
    public required string Products { get; init; }
    public required string StillEstablishing { get; init; }
    /// <summary><c>{end}</c>: the customer's 72-hour end in its zone (Art. 33(1)).</summary>
    public required string Clock { get; init; }
    public required string UpdateText { get; init; }
    public required string ClosureSummary { get; init; }
    public required string AcknowledgeLink { get; init; }

    // The acknowledgement page.
    public required string PageTitle { get; init; }
    public required string YourClock { get; init; }
    public required string NoticeHeading { get; init; }
    public required string AcknowledgeHeading { get; init; }
    public required string NameLabel { get; init; }
    public required string RoleLabel { get; init; }
    public required string AcknowledgeButton { get; init; }
    public required string Acknowledged { get; init; }
    public required string QuestionHeading { get; init; }
    public required string QuestionButton { get; init; }
    public required string QuestionSent { get; init; }

    public static BreachTexts For(string language) => ByLanguage.For(language);

    public static Localized<BreachTexts> ByLanguage { get; } = new(new Dictionary<string, BreachTexts>
    {
        ["en"] = new()
        {
            InitialSubject = "Personal-data breach notice: {title}", PhasedSubject = "Personal-data breach notice (initial, more to follow): {title}",
            UpdateSubject = "Update {number} on personal-data breach: {title}", ClosureSubject = "Personal-data breach closed: {title}",
            RenotifySubject = "Please acknowledge: personal-data breach notice: {title}",
            InitialIntro = "{processor} has become aware of a personal-data breach that affects personal data we process for you. This notice gives you what you need to meet your own obligations (GDPR Art. 33).",
            PhasedIntro = "Not all information is known yet; we give it in phases, without further undue delay (Art. 33(4)). What is still being established is listed below.",
            UpdateIntro = "This is update {number} on the personal-data breach we notified you of.",
            ClosureIntro = "We have closed our handling of this personal-data breach.",
            RenotifyIntro = "We have not yet received your acknowledgement of the notice below. Please acknowledge it using the link.",
            Reference = "Reference", Title = "What happened", DetectedAt = "Detected at", Nature = "Nature of the breach",
            DataSubjectCategories = "Categories of data subjects", DataSubjectsApprox = "Approximate number of data subjects",
            RecordCategories = "Categories of personal data records", RecordsApprox = "Approximate number of records",
            ContactPoint = "Contact point", LikelyConsequences = "Likely consequences", Measures = "Measures taken or proposed",
            Systems = "Systems", Products = "Products", StillEstablishing = "Still being established",
            Clock = "If you must notify your supervisory authority, you have 72 hours from becoming aware of the breach — at the latest from this notice: until {end}.",
            UpdateText = "What is new", ClosureSummary = "Summary", AcknowledgeLink = "Acknowledge this notice or ask us a question",
            PageTitle = "Personal-data breach", YourClock = "Your 72 hours end at the latest", NoticeHeading = "Notice", AcknowledgeHeading = "Acknowledge",
            NameLabel = "Your name (optional)", RoleLabel = "Your role (optional)", AcknowledgeButton = "Acknowledge",
            Acknowledged = "Acknowledged", QuestionHeading = "Ask our DPO office a question", QuestionButton = "Send the question",
            QuestionSent = "Your question was sent to our DPO office.",
        },
        ["nl"] = new()
        {
            InitialSubject = "Melding inbreuk in verband met persoonsgegevens: {title}", PhasedSubject = "Melding inbreuk (eerste melding, vervolg volgt): {title}",
            UpdateSubject = "Update {number} over de inbreuk: {title}", ClosureSubject = "Inbreuk afgesloten: {title}",
            RenotifySubject = "Graag bevestigen: melding inbreuk: {title}",
            InitialIntro = "{processor} heeft kennis gekregen van een inbreuk in verband met persoonsgegevens die wij voor u verwerken. Deze melding geeft u wat u nodig hebt voor uw eigen verplichtingen (AVG art. 33).",
            PhasedIntro = "Nog niet alle informatie is bekend; wij verstrekken ze in fasen, zonder verdere onnodige vertraging (art. 33, lid 4). Wat nog wordt vastgesteld, staat hieronder.",
            UpdateIntro = "Dit is update {number} over de inbreuk die wij u hebben gemeld.",
            ClosureIntro = "Wij hebben onze behandeling van deze inbreuk afgesloten.",
            RenotifyIntro = "Wij hebben uw bevestiging van de melding hieronder nog niet ontvangen. Bevestig ze via de link.",
            Reference = "Referentie", Title = "Wat er gebeurde", DetectedAt = "Vastgesteld op", Nature = "Aard van de inbreuk",
            DataSubjectCategories = "Categorieën betrokkenen", DataSubjectsApprox = "Geschat aantal betrokkenen",
            RecordCategories = "Categorieën persoonsgegevensregisters", RecordsApprox = "Geschat aantal registers",
            ContactPoint = "Contactpunt", LikelyConsequences = "Waarschijnlijke gevolgen", Measures = "Genomen of voorgestelde maatregelen",
            Systems = "Systemen", Products = "Producten", StillEstablishing = "Wordt nog vastgesteld",
            Clock = "Als u uw toezichthoudende autoriteit moet inlichten, hebt u 72 uur vanaf het moment waarop u kennis kreeg van de inbreuk — uiterlijk vanaf deze melding: tot {end}.",
            UpdateText = "Wat er nieuw is", ClosureSummary = "Samenvatting", AcknowledgeLink = "Bevestig deze melding of stel ons een vraag",
            PageTitle = "Inbreuk in verband met persoonsgegevens", YourClock = "Uw 72 uur eindigen uiterlijk", NoticeHeading = "Melding", AcknowledgeHeading = "Bevestigen",
            NameLabel = "Uw naam (optioneel)", RoleLabel = "Uw functie (optioneel)", AcknowledgeButton = "Bevestigen",
            Acknowledged = "Bevestigd", QuestionHeading = "Stel onze DPO een vraag", QuestionButton = "Vraag versturen",
            QuestionSent = "Uw vraag is naar onze DPO verstuurd.",
        },
        ["fr"] = new()
        {
            InitialSubject = "Notification de violation de données : {title}", PhasedSubject = "Notification de violation (initiale, suite à venir) : {title}",
            UpdateSubject = "Mise à jour {number} sur la violation : {title}", ClosureSubject = "Violation de données clôturée : {title}",
            RenotifySubject = "Merci d'en accuser réception : violation de données : {title}",
            InitialIntro = "{processor} a pris connaissance d'une violation de données à caractère personnel touchant des données que nous traitons pour vous. Cette notification vous donne ce qu'il faut pour vos propres obligations (RGPD art. 33).",
            PhasedIntro = "Toutes les informations ne sont pas encore connues ; nous les communiquons de manière échelonnée, sans autre retard indu (art. 33, § 4). Ce qui est encore en cours d'établissement figure ci-dessous.",
            UpdateIntro = "Voici la mise à jour {number} sur la violation que nous vous avons notifiée.",
            ClosureIntro = "Nous avons clôturé le traitement de cette violation.",
            RenotifyIntro = "Nous n'avons pas encore reçu votre accusé de réception de la notification ci-dessous. Merci de le donner via le lien.",
            Reference = "Référence", Title = "Ce qui s'est passé", DetectedAt = "Détectée le", Nature = "Nature de la violation",
            DataSubjectCategories = "Catégories de personnes concernées", DataSubjectsApprox = "Nombre approximatif de personnes concernées",
            RecordCategories = "Catégories d'enregistrements", RecordsApprox = "Nombre approximatif d'enregistrements",
            ContactPoint = "Point de contact", LikelyConsequences = "Conséquences probables", Measures = "Mesures prises ou proposées",
            Systems = "Systèmes", Products = "Produits", StillEstablishing = "En cours d'établissement",
            Clock = "Si vous devez notifier votre autorité de contrôle, vous disposez de 72 heures à compter du moment où vous en avez pris connaissance — au plus tard de cette notification : jusqu'au {end}.",
            UpdateText = "Nouveautés", ClosureSummary = "Résumé", AcknowledgeLink = "Accuser réception ou nous poser une question",
            PageTitle = "Violation de données à caractère personnel", YourClock = "Vos 72 heures prennent fin au plus tard", NoticeHeading = "Notification", AcknowledgeHeading = "Accuser réception",
            NameLabel = "Votre nom (facultatif)", RoleLabel = "Votre fonction (facultatif)", AcknowledgeButton = "Accuser réception",
            Acknowledged = "Réception confirmée", QuestionHeading = "Poser une question à notre DPO", QuestionButton = "Envoyer la question",
            QuestionSent = "Votre question a été envoyée à notre DPO.",
        },
        ["de"] = new()
        {
            InitialSubject = "Meldung einer Datenschutzverletzung: {title}", PhasedSubject = "Meldung einer Datenschutzverletzung (erste Meldung, Fortsetzung folgt): {title}",
            UpdateSubject = "Aktualisierung {number} zur Datenschutzverletzung: {title}", ClosureSubject = "Datenschutzverletzung abgeschlossen: {title}",
            RenotifySubject = "Bitte bestätigen: Meldung einer Datenschutzverletzung: {title}",
            InitialIntro = "{processor} hat Kenntnis von einer Verletzung des Schutzes personenbezogener Daten erlangt, die Daten betrifft, die wir für Sie verarbeiten. Diese Meldung gibt Ihnen, was Sie für Ihre eigenen Pflichten benötigen (DSGVO Art. 33).",
            PhasedIntro = "Noch sind nicht alle Informationen bekannt; wir stellen sie schrittweise ohne weitere unangemessene Verzögerung bereit (Art. 33 Abs. 4). Was noch ermittelt wird, steht unten.",
            UpdateIntro = "Dies ist Aktualisierung {number} zu der Datenschutzverletzung, die wir Ihnen gemeldet haben.",
            ClosureIntro = "Wir haben die Bearbeitung dieser Datenschutzverletzung abgeschlossen.",
            RenotifyIntro = "Wir haben Ihre Bestätigung der Meldung unten noch nicht erhalten. Bitte bestätigen Sie sie über den Link.",
            Reference = "Referenz", Title = "Was geschah", DetectedAt = "Festgestellt am", Nature = "Art der Verletzung",
            DataSubjectCategories = "Kategorien betroffener Personen", DataSubjectsApprox = "Ungefähre Zahl betroffener Personen",
            RecordCategories = "Kategorien personenbezogener Datensätze", RecordsApprox = "Ungefähre Zahl der Datensätze",
            ContactPoint = "Anlaufstelle", LikelyConsequences = "Wahrscheinliche Folgen", Measures = "Ergriffene oder vorgeschlagene Maßnahmen",
            Systems = "Systeme", Products = "Produkte", StillEstablishing = "Wird noch ermittelt",
            Clock = "Wenn Sie Ihre Aufsichtsbehörde benachrichtigen müssen, haben Sie 72 Stunden ab Kenntnis der Verletzung — spätestens ab dieser Meldung: bis {end}.",
            UpdateText = "Was neu ist", ClosureSummary = "Zusammenfassung", AcknowledgeLink = "Diese Meldung bestätigen oder uns eine Frage stellen",
            PageTitle = "Datenschutzverletzung", YourClock = "Ihre 72 Stunden enden spätestens", NoticeHeading = "Meldung", AcknowledgeHeading = "Bestätigen",
            NameLabel = "Ihr Name (optional)", RoleLabel = "Ihre Funktion (optional)", AcknowledgeButton = "Bestätigen",
            Acknowledged = "Bestätigt", QuestionHeading = "Unserem DSB eine Frage stellen", QuestionButton = "Frage senden",
            QuestionSent = "Ihre Frage wurde an unseren DSB gesendet.",
        },
    });

    /// <summary>The label of an Art. 33(3) element by its wire name (for the "still being established" list).</summary>
    public string Label(string field) => field switch
    {
        "nature" => Nature,
        "dataSubjectCategories" => DataSubjectCategories,
        "dataSubjectsApprox" => DataSubjectsApprox,
        "recordCategories" => RecordCategories,
        "recordsApprox" => RecordsApprox,
        "contactPoint" => ContactPoint,
        "likelyConsequences" => LikelyConsequences,
        "measures" => Measures,
        _ => field,
    };
}
