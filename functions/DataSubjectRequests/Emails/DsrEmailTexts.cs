using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.DataSubjectRequests.Emails;

/// <summary>
/// Every localized sentence of the DSR emails, one instance per language the app offers in <see cref="ByLanguage"/>
/// (greeting, closing and dates are the composer's <see cref="CommonTexts"/>). <c>{name}</c> placeholders are filled
/// (and HTML-encoded) by the templates.
/// </summary>
public sealed record DsrEmailTexts
{
    // End-user referral.
    public required string ReferralSubject { get; init; }
    public required string ReferralReceived { get; init; }
    public required string ReferralController { get; init; }
    public required string ReferralContact { get; init; }
    public required string ContactEmail { get; init; }
    public required string ContactWeb { get; init; }
    public required string ReferralNotAnAnswer { get; init; }
    public required string Reference { get; init; }

    // Customer forward, reminder and outcome.
    public required string ForwardSubject { get; init; }
    public required string ForwardIntro { get; init; }
    public required string ForwardHold { get; init; }
    public required string Type { get; init; }
    public required string ReceivedAt { get; init; }
    public required string Product { get; init; }
    public required string Channel { get; init; }
    public required string SubjectEmail { get; init; }
    public required string SubjectName { get; init; }
    public required string Deadline { get; init; }
    /// <summary>The deadline's value: <c>{date}</c>, <c>{zone}</c>.</summary>
    public required string DeadlineValue { get; init; }
    public required string Extended { get; init; }
    /// <summary>The extension's value: <c>{months}</c>.</summary>
    public required string ExtendedMonths { get; init; }
    public required string Message { get; init; }
    public required string ForwardExtension { get; init; }
    public required string InstructionLink { get; init; }
    public required string LinkIsPersonal { get; init; }
    public required string ReminderSubject { get; init; }
    public required string ReminderBody { get; init; }
    public required string Status { get; init; }
    public required string OutcomeSubject { get; init; }
    public required string OutcomeBody { get; init; }
    public required string Action { get; init; }
    public required string CompletedAt { get; init; }

    // Customer reply relayed to the end-user.
    public required string RelaySubject { get; init; }
    public required string RelayIntro { get; init; }
    public required string RelayFurther { get; init; }

    // DPO alerts (to the processor's DPO office; no personal data of the end-user).
    public required IReadOnlyDictionary<EscalationReason, DsrAlertTexts> Alerts { get; init; }
    public required string AlertLabel { get; init; }
    public required string AlertRequest { get; init; }
    public required string AlertCustomer { get; init; }
    public required string AlertDeadline { get; init; }
    /// <summary>The deadline in UTC after the local one: <c>{utc}</c>.</summary>
    public required string AlertDeadlineUtc { get; init; }
    /// <summary><c>{hours}</c>, for a whole number of hours.</summary>
    public required string Hours { get; init; }
    /// <summary><c>{minutes}</c>.</summary>
    public required string Minutes { get; init; }

    public required IReadOnlyDictionary<DsrType, string> Types { get; init; }
    public required IReadOnlyDictionary<AssistAction, string> Actions { get; init; }
    public required IReadOnlyDictionary<DsrStatus, string> Statuses { get; init; }

    public static DsrEmailTexts For(string language) => ByLanguage.For(language);

    public static Localized<DsrEmailTexts> ByLanguage { get; } = new(new Dictionary<string, DsrEmailTexts>
    {
        ["en"] = new()
        {
            ReferralSubject = "Your request about your personal data: please contact {customer}",
            ReferralReceived = "{processor} has received your request concerning your personal data.",
            ReferralController = "We process this data on behalf of {customer}, which decides how it is used (the controller). Only {customer} can decide on your request, and we are passing it on to them.",
            ReferralContact = "Please contact {customer} directly about your request:",
            ContactEmail = "Email",
            ContactWeb = "Web",
            ReferralNotAnAnswer = "This message is not an answer to your request, and it does not say whether any data about you is held.",
            Reference = "Reference",
            ForwardSubject = "Data subject request ({type}) via {product}: answer due {date}",
            ForwardIntro = "{processor} has received a data subject request from one of your end-users. As the controller, you decide on it and answer the end-user (GDPR Art. 12(3)). We have told the end-user to contact you.",
            ForwardHold = "We will not act on the request without your instruction.",
            Type = "Type",
            ReceivedAt = "Received",
            Product = "Product",
            Channel = "Channel",
            SubjectEmail = "End-user email",
            SubjectName = "End-user name",
            Deadline = "Your deadline",
            DeadlineValue = "{date}, end of day ({zone})",
            Extended = "Extension recorded",
            ExtendedMonths = "by {months} month(s)",
            Message = "Message from the end-user",
            ForwardExtension = "The deadline is one month from receipt; you may extend it by up to two further months with a reason (Art. 12(3)), recorded through the link below.",
            InstructionLink = "Acknowledge, instruct us or record an extension",
            LinkIsPersonal = "This link is for your organisation only; please do not forward it.",
            ReminderSubject = "Reminder: data subject request {reference} is due {date}",
            ReminderBody = "Your deadline for the data subject request below is {date}, end of day ({zone}), in {days} days.",
            Status = "Status",
            OutcomeSubject = "Data subject request {reference}: {action} carried out",
            OutcomeBody = "{product} has carried out your instruction ({action}) for the data subject request below. Answering the end-user remains with you.",
            Action = "Action",
            CompletedAt = "Completed",
            RelaySubject = "Message from {customer} about your request {reference}",
            RelayIntro = "{customer} asked {processor} to pass on this message about your request (reference {reference}):",
            RelayFurther = "For anything further, please contact {customer}:",
            Alerts = new Dictionary<EscalationReason, DsrAlertTexts>
            {
                [EscalationReason.NoDsrContact] = new(
                    "DSR {reference} cannot be forwarded: {customer} has no DSR contact",
                    "Customer {customer} ({customerId}) has no DSR contact, so data subject request {reference} cannot be forwarded to it. The end-user was referred to the customer.",
                    "Inform the customer by other means and add a dsr contact to the customer record; the customer's deadline runs regardless."),
                [EscalationReason.ForwardingOverdue] = new(
                    "DSR {reference} not forwarded within {within}",
                    "Data subject request {reference} for customer {customer} ({customerId}) was not forwarded within {within} of receipt.",
                    "The sweep re-drives the forwarding; check the dsr-forwarding queue, its poison queue and the email transport."),
                [EscalationReason.DeadlineOverdue] = new(
                    "DSR {reference}: {customer}'s deadline has passed",
                    "The deadline of customer {customer} ({customerId}) for data subject request {reference} passed while the request is still {status}.",
                    "Follow up with the customer; the processor still must not answer the end-user without the customer's instruction."),
            },
            AlertLabel = "Alert",
            AlertRequest = "Request",
            AlertCustomer = "Customer",
            AlertDeadline = "Customer deadline",
            AlertDeadlineUtc = " = {utc} UTC",
            Hours = "{hours} hours",
            Minutes = "{minutes} minutes",
            Types = new Dictionary<DsrType, string>
            {
                [DsrType.Access] = "access", [DsrType.Rectification] = "rectification", [DsrType.Erasure] = "erasure",
                [DsrType.Restriction] = "restriction of processing", [DsrType.Portability] = "data portability",
                [DsrType.Objection] = "objection", [DsrType.AutomatedDecision] = "automated decision-making", [DsrType.Other] = "other",
            },
            Actions = new Dictionary<AssistAction, string>
            {
                [AssistAction.Export] = "export", [AssistAction.Erase] = "erasure", [AssistAction.Rectify] = "rectification", [AssistAction.Restrict] = "restriction",
            },
            Statuses = new Dictionary<DsrStatus, string>
            {
                [DsrStatus.Received] = "received", [DsrStatus.Forwarded] = "forwarded", [DsrStatus.Acknowledged] = "acknowledged",
                [DsrStatus.Instructed] = "instructed", [DsrStatus.Completed] = "completed", [DsrStatus.Closed] = "closed", [DsrStatus.Cancelled] = "cancelled",
            },
        },
        ["nl"] = new()
        {
            ReferralSubject = "Uw verzoek over uw persoonsgegevens: neem contact op met {customer}",
            ReferralReceived = "{processor} heeft uw verzoek over uw persoonsgegevens ontvangen.",
            ReferralController = "Wij verwerken deze gegevens in opdracht van {customer}, dat bepaalt hoe ze worden gebruikt (de verwerkingsverantwoordelijke). Alleen {customer} kan over uw verzoek beslissen; wij geven het aan hen door.",
            ReferralContact = "Neem voor uw verzoek rechtstreeks contact op met {customer}:",
            ContactEmail = "E-mail",
            ContactWeb = "Website",
            ReferralNotAnAnswer = "Dit bericht is geen antwoord op uw verzoek en zegt niet of er gegevens over u worden bewaard.",
            Reference = "Referentie",
            ForwardSubject = "Verzoek van een betrokkene ({type}) via {product}: antwoord uiterlijk {date}",
            ForwardIntro = "{processor} heeft een verzoek ontvangen van een van uw eindgebruikers. Als verwerkingsverantwoordelijke beslist u erover en antwoordt u de eindgebruiker (AVG art. 12, lid 3). Wij hebben de eindgebruiker gevraagd contact met u op te nemen.",
            ForwardHold = "Wij doen niets met het verzoek zonder uw instructie.",
            Type = "Soort",
            ReceivedAt = "Ontvangen",
            Product = "Product",
            Channel = "Kanaal",
            SubjectEmail = "E-mail eindgebruiker",
            SubjectName = "Naam eindgebruiker",
            Deadline = "Uw termijn",
            DeadlineValue = "{date}, einde van de dag ({zone})",
            Extended = "Verlenging geregistreerd",
            ExtendedMonths = "met {months} maand(en)",
            Message = "Bericht van de eindgebruiker",
            ForwardExtension = "De termijn is één maand na ontvangst; u kunt hem met een reden met ten hoogste twee maanden verlengen (art. 12, lid 3) via de link hieronder.",
            InstructionLink = "Bevestigen, ons een instructie geven of een verlenging registreren",
            LinkIsPersonal = "Deze link is alleen voor uw organisatie; stuur hem niet door.",
            ReminderSubject = "Herinnering: verzoek {reference} moet uiterlijk {date} beantwoord zijn",
            ReminderBody = "Uw termijn voor het onderstaande verzoek eindigt op {date}, einde van de dag ({zone}), over {days} dagen.",
            Status = "Status",
            OutcomeSubject = "Verzoek {reference}: {action} uitgevoerd",
            OutcomeBody = "{product} heeft uw instructie ({action}) voor het onderstaande verzoek uitgevoerd. Het antwoord aan de eindgebruiker blijft bij u.",
            Action = "Actie",
            CompletedAt = "Uitgevoerd",
            RelaySubject = "Bericht van {customer} over uw verzoek {reference}",
            RelayIntro = "{customer} heeft {processor} gevraagd dit bericht over uw verzoek (referentie {reference}) aan u door te geven:",
            RelayFurther = "Neem voor verdere vragen contact op met {customer}:",
            Alerts = new Dictionary<EscalationReason, DsrAlertTexts>
            {
                [EscalationReason.NoDsrContact] = new(
                    "Verzoek {reference} kan niet worden doorgestuurd: {customer} heeft geen DSR-contact",
                    "Klant {customer} ({customerId}) heeft geen DSR-contact, dus verzoek van een betrokkene {reference} kan niet aan de klant worden doorgestuurd. De eindgebruiker is naar de klant verwezen.",
                    "Informeer de klant op een andere manier en voeg een dsr-contact toe aan het klantrecord; de termijn van de klant loopt hoe dan ook."),
                [EscalationReason.ForwardingOverdue] = new(
                    "Verzoek {reference} niet doorgestuurd binnen {within}",
                    "Verzoek van een betrokkene {reference} voor klant {customer} ({customerId}) is niet binnen {within} na ontvangst doorgestuurd.",
                    "De sweep stuurt het opnieuw door; controleer de wachtrij dsr-forwarding, de poison-wachtrij ervan en het e-mailtransport."),
                [EscalationReason.DeadlineOverdue] = new(
                    "Verzoek {reference}: de termijn van {customer} is verstreken",
                    "De termijn van klant {customer} ({customerId}) voor verzoek van een betrokkene {reference} is verstreken terwijl het verzoek nog {status} is.",
                    "Volg het op bij de klant; de verwerker mag de eindgebruiker nog steeds niet antwoorden zonder instructie van de klant."),
            },
            AlertLabel = "Melding",
            AlertRequest = "Verzoek",
            AlertCustomer = "Klant",
            AlertDeadline = "Termijn van de klant",
            AlertDeadlineUtc = " = {utc} UTC",
            Hours = "{hours} uur",
            Minutes = "{minutes} minuten",
            Types = new Dictionary<DsrType, string>
            {
                [DsrType.Access] = "inzage", [DsrType.Rectification] = "rectificatie", [DsrType.Erasure] = "wissing",
                [DsrType.Restriction] = "beperking van de verwerking", [DsrType.Portability] = "overdraagbaarheid",
                [DsrType.Objection] = "bezwaar", [DsrType.AutomatedDecision] = "geautomatiseerde besluitvorming", [DsrType.Other] = "overig",
            },
            Actions = new Dictionary<AssistAction, string>
            {
                [AssistAction.Export] = "export", [AssistAction.Erase] = "wissing", [AssistAction.Rectify] = "rectificatie", [AssistAction.Restrict] = "beperking",
            },
            Statuses = new Dictionary<DsrStatus, string>
            {
                [DsrStatus.Received] = "ontvangen", [DsrStatus.Forwarded] = "doorgestuurd", [DsrStatus.Acknowledged] = "bevestigd",
                [DsrStatus.Instructed] = "instructie gegeven", [DsrStatus.Completed] = "uitgevoerd", [DsrStatus.Closed] = "gesloten", [DsrStatus.Cancelled] = "ingetrokken",
            },
        },
        ["fr"] = new()
        {
            ReferralSubject = "Votre demande concernant vos données personnelles : veuillez contacter {customer}",
            ReferralReceived = "{processor} a reçu votre demande concernant vos données personnelles.",
            ReferralController = "Nous traitons ces données pour le compte de {customer}, qui décide de leur utilisation (le responsable du traitement). Seul {customer} peut statuer sur votre demande ; nous la lui transmettons.",
            ReferralContact = "Veuillez contacter directement {customer} au sujet de votre demande :",
            ContactEmail = "E-mail",
            ContactWeb = "Site web",
            ReferralNotAnAnswer = "Ce message ne répond pas à votre demande et n'indique pas si des données vous concernant sont conservées.",
            Reference = "Référence",
            ForwardSubject = "Demande de personne concernée ({type}) via {product} : réponse au plus tard le {date}",
            ForwardIntro = "{processor} a reçu une demande d'un de vos utilisateurs finaux. En tant que responsable du traitement, vous statuez sur cette demande et répondez à l'utilisateur (RGPD art. 12, par. 3). Nous avons invité l'utilisateur à vous contacter.",
            ForwardHold = "Nous ne donnerons aucune suite à la demande sans votre instruction.",
            Type = "Type",
            ReceivedAt = "Reçue le",
            Product = "Produit",
            Channel = "Canal",
            SubjectEmail = "E-mail de l'utilisateur",
            SubjectName = "Nom de l'utilisateur",
            Deadline = "Votre délai",
            DeadlineValue = "{date}, fin de journée ({zone})",
            Extended = "Prolongation enregistrée",
            ExtendedMonths = "de {months} mois",
            Message = "Message de l'utilisateur",
            ForwardExtension = "Le délai est d'un mois à compter de la réception ; vous pouvez le prolonger de deux mois au plus, motif à l'appui (art. 12, par. 3), via le lien ci-dessous.",
            InstructionLink = "Accuser réception, nous donner une instruction ou enregistrer une prolongation",
            LinkIsPersonal = "Ce lien est réservé à votre organisation ; merci de ne pas le transférer.",
            ReminderSubject = "Rappel : la demande {reference} doit recevoir une réponse au plus tard le {date}",
            ReminderBody = "Votre délai pour la demande ci-dessous expire le {date}, fin de journée ({zone}), dans {days} jours.",
            Status = "Statut",
            OutcomeSubject = "Demande {reference} : {action} effectuée",
            OutcomeBody = "{product} a exécuté votre instruction ({action}) pour la demande ci-dessous. La réponse à l'utilisateur vous appartient.",
            Action = "Action",
            CompletedAt = "Effectuée le",
            RelaySubject = "Message de {customer} concernant votre demande {reference}",
            RelayIntro = "{customer} a demandé à {processor} de vous transmettre ce message concernant votre demande (référence {reference}) :",
            RelayFurther = "Pour toute autre question, veuillez contacter {customer} :",
            Alerts = new Dictionary<EscalationReason, DsrAlertTexts>
            {
                [EscalationReason.NoDsrContact] = new(
                    "Demande {reference} impossible à transmettre : {customer} n'a pas de contact DSR",
                    "Le client {customer} ({customerId}) n'a pas de contact DSR ; la demande de personne concernée {reference} ne peut donc pas lui être transmise. L'utilisateur final a été renvoyé vers le client.",
                    "Informez le client par un autre moyen et ajoutez un contact dsr à la fiche client ; le délai du client court quoi qu'il en soit."),
                [EscalationReason.ForwardingOverdue] = new(
                    "Demande {reference} non transmise dans un délai de {within}",
                    "La demande de personne concernée {reference} du client {customer} ({customerId}) n'a pas été transmise dans un délai de {within} après sa réception.",
                    "Le balayage relance la transmission ; vérifiez la file dsr-forwarding, sa file poison et le transport des e-mails."),
                [EscalationReason.DeadlineOverdue] = new(
                    "Demande {reference} : le délai de {customer} est dépassé",
                    "Le délai du client {customer} ({customerId}) pour la demande de personne concernée {reference} est dépassé alors que la demande est toujours {status}.",
                    "Relancez le client ; le sous-traitant ne doit toujours pas répondre à l'utilisateur final sans l'instruction du client."),
            },
            AlertLabel = "Alerte",
            AlertRequest = "Demande",
            AlertCustomer = "Client",
            AlertDeadline = "Délai du client",
            AlertDeadlineUtc = " = {utc} UTC",
            Hours = "{hours} heures",
            Minutes = "{minutes} minutes",
            Types = new Dictionary<DsrType, string>
            {
                [DsrType.Access] = "accès", [DsrType.Rectification] = "rectification", [DsrType.Erasure] = "effacement",
                [DsrType.Restriction] = "limitation du traitement", [DsrType.Portability] = "portabilité",
                [DsrType.Objection] = "opposition", [DsrType.AutomatedDecision] = "décision automatisée", [DsrType.Other] = "autre",
            },
            Actions = new Dictionary<AssistAction, string>
            {
                [AssistAction.Export] = "export", [AssistAction.Erase] = "effacement", [AssistAction.Rectify] = "rectification", [AssistAction.Restrict] = "limitation",
            },
            Statuses = new Dictionary<DsrStatus, string>
            {
                [DsrStatus.Received] = "reçue", [DsrStatus.Forwarded] = "transmise", [DsrStatus.Acknowledged] = "réception confirmée",
                [DsrStatus.Instructed] = "instruction donnée", [DsrStatus.Completed] = "exécutée", [DsrStatus.Closed] = "clôturée", [DsrStatus.Cancelled] = "annulée",
            },
        },
        ["de"] = new()
        {
            ReferralSubject = "Ihre Anfrage zu Ihren personenbezogenen Daten: bitte wenden Sie sich an {customer}",
            ReferralReceived = "{processor} hat Ihre Anfrage zu Ihren personenbezogenen Daten erhalten.",
            ReferralController = "Wir verarbeiten diese Daten im Auftrag von {customer}; {customer} entscheidet über ihre Verwendung (der Verantwortliche). Nur {customer} kann über Ihre Anfrage entscheiden; wir leiten sie dorthin weiter.",
            ReferralContact = "Bitte wenden Sie sich mit Ihrer Anfrage direkt an {customer}:",
            ContactEmail = "E-Mail",
            ContactWeb = "Web",
            ReferralNotAnAnswer = "Diese Nachricht beantwortet Ihre Anfrage nicht und sagt nichts darüber aus, ob Daten über Sie gespeichert sind.",
            Reference = "Referenz",
            ForwardSubject = "Betroffenenanfrage ({type}) über {product}: Antwort fällig am {date}",
            ForwardIntro = "{processor} hat eine Betroffenenanfrage von einem Ihrer Endnutzer erhalten. Als Verantwortlicher entscheiden Sie darüber und antworten dem Endnutzer (DSGVO Art. 12 Abs. 3). Wir haben den Endnutzer gebeten, sich an Sie zu wenden.",
            ForwardHold = "Ohne Ihre Weisung unternehmen wir nichts zu dieser Anfrage.",
            Type = "Art",
            ReceivedAt = "Eingegangen",
            Product = "Produkt",
            Channel = "Kanal",
            SubjectEmail = "E-Mail des Endnutzers",
            SubjectName = "Name des Endnutzers",
            Deadline = "Ihre Frist",
            DeadlineValue = "{date}, Tagesende ({zone})",
            Extended = "Verlängerung erfasst",
            ExtendedMonths = "um {months} Monat(e)",
            Message = "Nachricht des Endnutzers",
            ForwardExtension = "Die Frist beträgt einen Monat ab Eingang; Sie können sie mit Begründung um höchstens zwei weitere Monate verlängern (Art. 12 Abs. 3), über den Link unten.",
            InstructionLink = "Bestätigen, Weisung erteilen oder Verlängerung erfassen",
            LinkIsPersonal = "Dieser Link ist nur für Ihre Organisation bestimmt; bitte leiten Sie ihn nicht weiter.",
            ReminderSubject = "Erinnerung: Anfrage {reference} ist am {date} fällig",
            ReminderBody = "Ihre Frist für die folgende Anfrage endet am {date}, Tagesende ({zone}), in {days} Tagen.",
            Status = "Status",
            OutcomeSubject = "Anfrage {reference}: {action} ausgeführt",
            OutcomeBody = "{product} hat Ihre Weisung ({action}) zur folgenden Anfrage ausgeführt. Die Antwort an den Endnutzer bleibt bei Ihnen.",
            Action = "Maßnahme",
            CompletedAt = "Ausgeführt",
            RelaySubject = "Nachricht von {customer} zu Ihrer Anfrage {reference}",
            RelayIntro = "{customer} hat {processor} gebeten, Ihnen diese Nachricht zu Ihrer Anfrage (Referenz {reference}) weiterzugeben:",
            RelayFurther = "Für alles Weitere wenden Sie sich bitte an {customer}:",
            Alerts = new Dictionary<EscalationReason, DsrAlertTexts>
            {
                [EscalationReason.NoDsrContact] = new(
                    "Anfrage {reference} kann nicht weitergeleitet werden: {customer} hat keinen DSR-Kontakt",
                    "Kunde {customer} ({customerId}) hat keinen DSR-Kontakt, daher kann die Betroffenenanfrage {reference} nicht an ihn weitergeleitet werden. Der Endnutzer wurde an den Kunden verwiesen.",
                    "Informieren Sie den Kunden auf anderem Weg und ergänzen Sie einen dsr-Kontakt im Kundendatensatz; die Frist des Kunden läuft trotzdem."),
                [EscalationReason.ForwardingOverdue] = new(
                    "Anfrage {reference} nicht innerhalb von {within} weitergeleitet",
                    "Die Betroffenenanfrage {reference} für Kunde {customer} ({customerId}) wurde nicht innerhalb von {within} nach Eingang weitergeleitet.",
                    "Der Sweep leitet sie erneut weiter; prüfen Sie die Queue dsr-forwarding, ihre Poison-Queue und den E-Mail-Transport."),
                [EscalationReason.DeadlineOverdue] = new(
                    "Anfrage {reference}: die Frist von {customer} ist abgelaufen",
                    "Die Frist von Kunde {customer} ({customerId}) für die Betroffenenanfrage {reference} ist abgelaufen, während die Anfrage noch {status} ist.",
                    "Haken Sie beim Kunden nach; der Auftragsverarbeiter darf dem Endnutzer weiterhin nicht ohne Weisung des Kunden antworten."),
            },
            AlertLabel = "Warnung",
            AlertRequest = "Anfrage",
            AlertCustomer = "Kunde",
            AlertDeadline = "Frist des Kunden",
            AlertDeadlineUtc = " = {utc} UTC",
            Hours = "{hours} Stunden",
            Minutes = "{minutes} Minuten",
            Types = new Dictionary<DsrType, string>
            {
                [DsrType.Access] = "Auskunft", [DsrType.Rectification] = "Berichtigung", [DsrType.Erasure] = "Löschung",
                [DsrType.Restriction] = "Einschränkung der Verarbeitung", [DsrType.Portability] = "Datenübertragbarkeit",
                [DsrType.Objection] = "Widerspruch", [DsrType.AutomatedDecision] = "automatisierte Entscheidung", [DsrType.Other] = "Sonstiges",
            },
            Actions = new Dictionary<AssistAction, string>
            {
                [AssistAction.Export] = "Export", [AssistAction.Erase] = "Löschung", [AssistAction.Rectify] = "Berichtigung", [AssistAction.Restrict] = "Einschränkung",
            },
            Statuses = new Dictionary<DsrStatus, string>
            {
                [DsrStatus.Received] = "eingegangen", [DsrStatus.Forwarded] = "weitergeleitet", [DsrStatus.Acknowledged] = "bestätigt",
                [DsrStatus.Instructed] = "Weisung erteilt", [DsrStatus.Completed] = "ausgeführt", [DsrStatus.Closed] = "abgeschlossen", [DsrStatus.Cancelled] = "zurückgezogen",
            },
        },
    });
}

/// <summary>One DPO alert: subject, what happened, what to do (placeholders <c>{reference}</c>, <c>{customer}</c>, <c>{customerId}</c>, <c>{within}</c>, <c>{status}</c>).</summary>
public sealed record DsrAlertTexts(string Subject, string What, string Action);
