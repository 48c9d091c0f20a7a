using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// Every sentence of the customer's instruction page and its confirmation, in every language the app offers. Labels
/// the page shares with the emails (reference, type, deadline, …) come from <see cref="Emails.DsrEmailTexts"/>.
/// </summary>
public sealed record DsrPageTexts
{
    /// <summary><c>{reference}</c>.</summary>
    public required string Title { get; init; }
    /// <summary><c>{processor}</c>, <c>{customer}</c>.</summary>
    public required string Intro { get; init; }
    /// <summary><c>{status}</c>.</summary>
    public required string FinalNote { get; init; }
    public required string NotForwardedNote { get; init; }
    public required string AcknowledgeHeading { get; init; }
    public required string AcknowledgeText { get; init; }
    public required string AcknowledgeButton { get; init; }
    public required string InstructHeading { get; init; }
    /// <summary><c>{processor}</c>.</summary>
    public required string ControllerWillRespond { get; init; }
    /// <summary><c>{processor}</c>, <c>{product}</c>.</summary>
    public required string ProcessorToAssist { get; init; }
    public required string ChooseWhenAssisting { get; init; }
    public required string EndUserMessageLabel { get; init; }
    public required string SendInstruction { get; init; }
    public required string ExtendHeading { get; init; }
    public required string ExtendText { get; init; }
    public required string ExtensionTotal { get; init; }
    /// <summary><c>{months}</c> (1).</summary>
    public required string FurtherMonth { get; init; }
    /// <summary><c>{months}</c> (2 or more).</summary>
    public required string FurtherMonths { get; init; }
    public required string ReasonLabel { get; init; }
    public required string RecordExtension { get; init; }
    public required string ThankYou { get; init; }
    public required string Acknowledged { get; init; }
    public required string InstructedWithMessage { get; init; }
    public required string Instructed { get; init; }
    public required string Extended { get; init; }
    public required string Recorded { get; init; }
    public required string BackToRequest { get; init; }
    public required string Instruction { get; init; }
    public required string NoInstructionYet { get; init; }
    /// <summary>After the deadline when extended: <c>{months}</c>.</summary>
    public required string ExtendedBy { get; init; }

    public static DsrPageTexts For(string language) => ByLanguage.For(language);

    public static Localized<DsrPageTexts> ByLanguage { get; } = new(new Dictionary<string, DsrPageTexts>
    {
        ["en"] = new()
        {
            Title = "Data subject request {reference}",
            Intro = "{processor} forwarded this data subject request to {customer} as the controller. The end-user's details and message are in the email you received; they are not shown here.",
            FinalNote = "This request is {status}; nothing more can be recorded here.",
            NotForwardedNote = "This request has not been forwarded yet.",
            AcknowledgeHeading = "Acknowledge",
            AcknowledgeText = "Confirm that you have received the request. This is optional; an instruction implies it.",
            AcknowledgeButton = "Acknowledge receipt",
            InstructHeading = "Instruct",
            ControllerWillRespond = "We will respond to the end-user ourselves; {processor} does nothing more (the request is closed).",
            ProcessorToAssist = "{processor} should assist by carrying out this action in product {product}:",
            ChooseWhenAssisting = "(choose when assisting)",
            EndUserMessageLabel = "Optional message to the end-user (sent once, by email, only if you write one):",
            SendInstruction = "Send instruction",
            ExtendHeading = "Extend the deadline",
            ExtendText = "GDPR Art. 12(3) allows up to two further months where necessary; tell the end-user within the first month.",
            ExtensionTotal = "Extension in total:",
            FurtherMonth = "{months} further month",
            FurtherMonths = "{months} further months",
            ReasonLabel = "Reason (kept on the request's record; no personal data please):",
            RecordExtension = "Record extension",
            ThankYou = "Thank you",
            Acknowledged = "Your acknowledgement is recorded.",
            InstructedWithMessage = "Your instruction is recorded, and your message will be sent to the end-user once.",
            Instructed = "Your instruction is recorded.",
            Extended = "The extension is recorded; the deadline below is the new one.",
            Recorded = "Recorded.",
            BackToRequest = "Back to the request",
            Instruction = "Instruction",
            NoInstructionYet = "none yet",
            ExtendedBy = "extended by {months} month(s)",
        },
        ["nl"] = new()
        {
            Title = "Verzoek van een betrokkene {reference}",
            Intro = "{processor} heeft dit verzoek van een betrokkene doorgestuurd naar {customer} als verwerkingsverantwoordelijke. De gegevens en het bericht van de eindgebruiker staan in de e-mail die u hebt ontvangen; ze worden hier niet getoond.",
            FinalNote = "Dit verzoek is {status}; hier kan niets meer worden geregistreerd.",
            NotForwardedNote = "Dit verzoek is nog niet doorgestuurd.",
            AcknowledgeHeading = "Ontvangst bevestigen",
            AcknowledgeText = "Bevestig dat u het verzoek hebt ontvangen. Dit is optioneel; een instructie houdt het in.",
            AcknowledgeButton = "Ontvangst bevestigen",
            InstructHeading = "Instructie geven",
            ControllerWillRespond = "Wij antwoorden de eindgebruiker zelf; {processor} doet niets meer (het verzoek wordt gesloten).",
            ProcessorToAssist = "{processor} moet helpen door deze actie uit te voeren in product {product}:",
            ChooseWhenAssisting = "(kies bij hulp)",
            EndUserMessageLabel = "Optioneel bericht aan de eindgebruiker (eenmaal per e-mail verzonden, alleen als u er een schrijft):",
            SendInstruction = "Instructie versturen",
            ExtendHeading = "De termijn verlengen",
            ExtendText = "AVG art. 12, lid 3, staat zo nodig een verlenging met ten hoogste twee maanden toe; laat het de eindgebruiker binnen de eerste maand weten.",
            ExtensionTotal = "Verlenging in totaal:",
            FurtherMonth = "{months} maand extra",
            FurtherMonths = "{months} maanden extra",
            ReasonLabel = "Reden (bewaard bij het verzoek; graag zonder persoonsgegevens):",
            RecordExtension = "Verlenging registreren",
            ThankYou = "Dank u",
            Acknowledged = "Uw ontvangstbevestiging is geregistreerd.",
            InstructedWithMessage = "Uw instructie is geregistreerd en uw bericht wordt eenmaal naar de eindgebruiker gestuurd.",
            Instructed = "Uw instructie is geregistreerd.",
            Extended = "De verlenging is geregistreerd; de termijn hieronder is de nieuwe.",
            Recorded = "Geregistreerd.",
            BackToRequest = "Terug naar het verzoek",
            Instruction = "Instructie",
            NoInstructionYet = "nog geen",
            ExtendedBy = "verlengd met {months} maand(en)",
        },
        ["fr"] = new()
        {
            Title = "Demande de personne concernée {reference}",
            Intro = "{processor} a transmis cette demande de personne concernée à {customer} en tant que responsable du traitement. Les coordonnées et le message de l'utilisateur final figurent dans l'e-mail que vous avez reçu ; ils ne sont pas affichés ici.",
            FinalNote = "Cette demande est {status} ; plus rien ne peut être enregistré ici.",
            NotForwardedNote = "Cette demande n'a pas encore été transmise.",
            AcknowledgeHeading = "Accuser réception",
            AcknowledgeText = "Confirmez que vous avez reçu la demande. C'est facultatif ; une instruction le suppose.",
            AcknowledgeButton = "Accuser réception",
            InstructHeading = "Donner une instruction",
            ControllerWillRespond = "Nous répondrons nous-mêmes à l'utilisateur final ; {processor} ne fait plus rien (la demande est clôturée).",
            ProcessorToAssist = "{processor} doit apporter son aide en effectuant cette action dans le produit {product} :",
            ChooseWhenAssisting = "(à choisir en cas d'aide)",
            EndUserMessageLabel = "Message facultatif à l'utilisateur final (envoyé une fois, par e-mail, seulement si vous en écrivez un) :",
            SendInstruction = "Envoyer l'instruction",
            ExtendHeading = "Prolonger le délai",
            ExtendText = "L'art. 12, par. 3, du RGPD permet, si nécessaire, une prolongation de deux mois au plus ; informez-en l'utilisateur final au cours du premier mois.",
            ExtensionTotal = "Prolongation au total :",
            FurtherMonth = "{months} mois supplémentaire",
            FurtherMonths = "{months} mois supplémentaires",
            ReasonLabel = "Motif (conservé avec la demande ; sans données personnelles s'il vous plaît) :",
            RecordExtension = "Enregistrer la prolongation",
            ThankYou = "Merci",
            Acknowledged = "Votre accusé de réception est enregistré.",
            InstructedWithMessage = "Votre instruction est enregistrée et votre message sera envoyé une fois à l'utilisateur final.",
            Instructed = "Votre instruction est enregistrée.",
            Extended = "La prolongation est enregistrée ; le délai ci-dessous est le nouveau.",
            Recorded = "Enregistré.",
            BackToRequest = "Retour à la demande",
            Instruction = "Instruction",
            NoInstructionYet = "aucune pour l'instant",
            ExtendedBy = "prolongé de {months} mois",
        },
        ["de"] = new()
        {
            Title = "Betroffenenanfrage {reference}",
            Intro = "{processor} hat diese Betroffenenanfrage an {customer} als Verantwortlichen weitergeleitet. Die Angaben und die Nachricht des Endnutzers stehen in der E-Mail, die Sie erhalten haben; hier werden sie nicht angezeigt.",
            FinalNote = "Diese Anfrage ist {status}; hier kann nichts mehr erfasst werden.",
            NotForwardedNote = "Diese Anfrage wurde noch nicht weitergeleitet.",
            AcknowledgeHeading = "Eingang bestätigen",
            AcknowledgeText = "Bestätigen Sie, dass Sie die Anfrage erhalten haben. Das ist freiwillig; eine Weisung schließt es ein.",
            AcknowledgeButton = "Eingang bestätigen",
            InstructHeading = "Weisung erteilen",
            ControllerWillRespond = "Wir antworten dem Endnutzer selbst; {processor} unternimmt nichts weiter (die Anfrage wird abgeschlossen).",
            ProcessorToAssist = "{processor} soll unterstützen und diese Maßnahme im Produkt {product} ausführen:",
            ChooseWhenAssisting = "(bei Unterstützung wählen)",
            EndUserMessageLabel = "Optionale Nachricht an den Endnutzer (einmal per E-Mail gesendet, nur wenn Sie eine schreiben):",
            SendInstruction = "Weisung senden",
            ExtendHeading = "Frist verlängern",
            ExtendText = "DSGVO Art. 12 Abs. 3 erlaubt, wenn nötig, eine Verlängerung um höchstens zwei weitere Monate; teilen Sie dies dem Endnutzer innerhalb des ersten Monats mit.",
            ExtensionTotal = "Verlängerung insgesamt:",
            FurtherMonth = "{months} weiterer Monat",
            FurtherMonths = "{months} weitere Monate",
            ReasonLabel = "Begründung (wird bei der Anfrage gespeichert; bitte ohne personenbezogene Daten):",
            RecordExtension = "Verlängerung erfassen",
            ThankYou = "Vielen Dank",
            Acknowledged = "Ihre Eingangsbestätigung ist erfasst.",
            InstructedWithMessage = "Ihre Weisung ist erfasst, und Ihre Nachricht wird einmal an den Endnutzer gesendet.",
            Instructed = "Ihre Weisung ist erfasst.",
            Extended = "Die Verlängerung ist erfasst; die Frist unten ist die neue.",
            Recorded = "Erfasst.",
            BackToRequest = "Zurück zur Anfrage",
            Instruction = "Weisung",
            NoInstructionYet = "noch keine",
            ExtendedBy = "um {months} Monat(e) verlängert",
        },
    });
}
