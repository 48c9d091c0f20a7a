using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.SubProcessors.Subscriptions;

/// <summary>
/// Every sentence of the mailing list's confirmation email and of its confirm and unsubscribe pages, in every language
/// the app offers (<see cref="Localized{TTexts}"/> refuses a missing one). Greeting and closing come from
/// <see cref="CommonTexts"/>. Placeholders: <c>{processor}</c>, <c>{time}</c>.
/// </summary>
public sealed record SubscriptionTexts
{
    // The confirmation email.
    /// <summary><c>{processor}</c>.</summary>
    public required string ConfirmSubject { get; init; }
    /// <summary><c>{processor}</c>.</summary>
    public required string ConfirmIntro { get; init; }
    public required string ConfirmAction { get; init; }
    public required string ConfirmLink { get; init; }
    /// <summary><c>{time}</c>.</summary>
    public required string ConfirmExpiry { get; init; }
    public required string ConfirmIgnore { get; init; }

    // The confirm page.
    public required string ConfirmTitle { get; init; }
    public required string ConfirmText { get; init; }
    public required string ConfirmButton { get; init; }
    public required string ConfirmedTitle { get; init; }
    public required string ConfirmedText { get; init; }

    // The unsubscribe page.
    public required string UnsubscribeTitle { get; init; }
    public required string UnsubscribeText { get; init; }
    public required string UnsubscribeButton { get; init; }
    public required string UnsubscribedTitle { get; init; }
    public required string UnsubscribedText { get; init; }

    public static SubscriptionTexts For(string language) => ByLanguage.For(language);

    public static Localized<SubscriptionTexts> ByLanguage { get; } = new(new Dictionary<string, SubscriptionTexts>
    {
        ["en"] = new()
        {
            ConfirmSubject = "Confirm your subscription to {processor}'s sub-processor changes",
            ConfirmIntro = "Someone, hopefully you, asked to receive an email from {processor} whenever its list of sub-processors changes.",
            ConfirmAction = "To start receiving these emails, open the link below and press the button on the page.",
            ConfirmLink = "Confirm your subscription",
            ConfirmExpiry = "The link works until {time}.",
            ConfirmIgnore = "If you did not ask for this, ignore this email: you will not be subscribed, and your address will be erased.",
            ConfirmTitle = "Confirm your subscription",
            ConfirmText = "Press the button to receive an email whenever the list of sub-processors changes.",
            ConfirmButton = "Confirm subscription",
            ConfirmedTitle = "You are subscribed",
            ConfirmedText = "You will receive an email whenever the list of sub-processors changes. Every such email has a link to unsubscribe.",
            UnsubscribeTitle = "Unsubscribe",
            UnsubscribeText = "Press the button to stop receiving emails about changes to the list of sub-processors. Your address will be erased.",
            UnsubscribeButton = "Unsubscribe",
            UnsubscribedTitle = "You are unsubscribed",
            UnsubscribedText = "You will no longer receive emails about changes to the list of sub-processors, and your address has been erased.",
        },
        ["nl"] = new()
        {
            ConfirmSubject = "Bevestig uw inschrijving op de wijzigingen van subverwerkers van {processor}",
            ConfirmIntro = "Iemand, hopelijk u, heeft gevraagd een e-mail van {processor} te ontvangen telkens wanneer de lijst van subverwerkers wijzigt.",
            ConfirmAction = "Open de onderstaande link en druk op de knop op de pagina om deze e-mails te ontvangen.",
            ConfirmLink = "Bevestig uw inschrijving",
            ConfirmExpiry = "De link werkt tot {time}.",
            ConfirmIgnore = "Hebt u hier niet om gevraagd? Negeer dan deze e-mail: u wordt niet ingeschreven en uw adres wordt gewist.",
            ConfirmTitle = "Bevestig uw inschrijving",
            ConfirmText = "Druk op de knop om een e-mail te ontvangen telkens wanneer de lijst van subverwerkers wijzigt.",
            ConfirmButton = "Inschrijving bevestigen",
            ConfirmedTitle = "U bent ingeschreven",
            ConfirmedText = "U ontvangt een e-mail telkens wanneer de lijst van subverwerkers wijzigt. Elke e-mail bevat een link om u uit te schrijven.",
            UnsubscribeTitle = "Uitschrijven",
            UnsubscribeText = "Druk op de knop om geen e-mails over wijzigingen van de lijst van subverwerkers meer te ontvangen. Uw adres wordt gewist.",
            UnsubscribeButton = "Uitschrijven",
            UnsubscribedTitle = "U bent uitgeschreven",
            UnsubscribedText = "U ontvangt geen e-mails meer over wijzigingen van de lijst van subverwerkers, en uw adres is gewist.",
        },
        ["fr"] = new()
        {
            ConfirmSubject = "Confirmez votre abonnement aux changements de sous-traitants de {processor}",
            ConfirmIntro = "Quelqu'un, vous sans doute, a demandé à recevoir un e-mail de {processor} chaque fois que sa liste de sous-traitants change.",
            ConfirmAction = "Pour recevoir ces e-mails, ouvrez le lien ci-dessous et appuyez sur le bouton de la page.",
            ConfirmLink = "Confirmer votre abonnement",
            ConfirmExpiry = "Le lien est valable jusqu'au {time}.",
            ConfirmIgnore = "Si vous n'avez rien demandé, ignorez cet e-mail : vous ne serez pas abonné et votre adresse sera effacée.",
            ConfirmTitle = "Confirmez votre abonnement",
            ConfirmText = "Appuyez sur le bouton pour recevoir un e-mail chaque fois que la liste des sous-traitants change.",
            ConfirmButton = "Confirmer l'abonnement",
            ConfirmedTitle = "Vous êtes abonné",
            ConfirmedText = "Vous recevrez un e-mail chaque fois que la liste des sous-traitants change. Chacun de ces e-mails contient un lien de désabonnement.",
            UnsubscribeTitle = "Se désabonner",
            UnsubscribeText = "Appuyez sur le bouton pour ne plus recevoir d'e-mails sur les changements de la liste des sous-traitants. Votre adresse sera effacée.",
            UnsubscribeButton = "Se désabonner",
            UnsubscribedTitle = "Vous êtes désabonné",
            UnsubscribedText = "Vous ne recevrez plus d'e-mails sur les changements de la liste des sous-traitants, et votre adresse a été effacée.",
        },
        ["de"] = new()
        {
            ConfirmSubject = "Bestätigen Sie Ihr Abonnement der Änderungen an den Unterauftragsverarbeitern von {processor}",
            ConfirmIntro = "Jemand, hoffentlich Sie, möchte eine E-Mail von {processor} erhalten, sobald sich die Liste der Unterauftragsverarbeiter ändert.",
            ConfirmAction = "Um diese E-Mails zu erhalten, öffnen Sie den folgenden Link und drücken Sie die Schaltfläche auf der Seite.",
            ConfirmLink = "Abonnement bestätigen",
            ConfirmExpiry = "Der Link gilt bis {time}.",
            ConfirmIgnore = "Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Sie werden nicht eingetragen, und Ihre Adresse wird gelöscht.",
            ConfirmTitle = "Abonnement bestätigen",
            ConfirmText = "Drücken Sie die Schaltfläche, um eine E-Mail zu erhalten, sobald sich die Liste der Unterauftragsverarbeiter ändert.",
            ConfirmButton = "Abonnement bestätigen",
            ConfirmedTitle = "Sie sind eingetragen",
            ConfirmedText = "Sie erhalten eine E-Mail, sobald sich die Liste der Unterauftragsverarbeiter ändert. Jede dieser E-Mails enthält einen Link zum Abbestellen.",
            UnsubscribeTitle = "Abbestellen",
            UnsubscribeText = "Drücken Sie die Schaltfläche, um keine E-Mails über Änderungen der Liste der Unterauftragsverarbeiter mehr zu erhalten. Ihre Adresse wird gelöscht.",
            UnsubscribeButton = "Abbestellen",
            UnsubscribedTitle = "Sie sind abgemeldet",
            UnsubscribedText = "Sie erhalten keine E-Mails mehr über Änderungen der Liste der Unterauftragsverarbeiter, und Ihre Adresse wurde gelöscht.",
        },
    });
}
