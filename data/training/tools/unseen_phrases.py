"""Phrase banks of the unseen-mail held-out file (generate_unseen.py). Written separately from training_phrases.py,
on purpose in other words: no request here is a training phrasing, so the file measures mail the model has not seen."""

CORE = {
    "reset_help": {
        "en": ["when I click the button in your message it tells me the page is no longer valid", "been waiting an hour for the verification number and my inbox is empty",
               "the screen where you make the new password throws 'something went wrong'", "every time I request the reset mail nothing shows up, not even in junk",
               "the new password form won't accept anything I type, it just clears", "the link from your email goes to a 404"],
        "es": ["cuando pulso el enlace de su mensaje me sale que ya no es válido", "pido el código una y otra vez y no me llega nada",
               "en la pantalla de la contraseña nueva sale 'algo salió mal'"],
        "fr": ["quand je clique sur le lien de votre message, la page n'est plus valide", "j'attends le code de vérification depuis une heure, rien",
               "l'écran du nouveau mot de passe affiche « une erreur est survenue »"],
        "de": ["wenn ich auf den Link in Ihrer Mail klicke, ist die Seite nicht mehr gültig", "ich warte seit einer Stunde auf den Bestätigungscode, nichts",
               "auf der Seite für das neue Passwort kommt 'etwas ist schiefgelaufen'"],
    },
    "login_problem": {
        "en": ["the new password went through fine but the sign-in screen rejects it", "it says too many attempts and I'm shut out of my account",
               "you have my work address from years ago on file and I can't receive anything there", "I reset successfully, then logging in the page just spins forever",
               "the two-step code is sent to my late husband's phone"],
        "es": ["la contraseña nueva se guardó pero al entrar me la rechaza", "me dice demasiados intentos y no me deja entrar", "tienen registrado un correo del trabajo de hace años"],
        "fr": ["le nouveau mot de passe a été accepté mais la connexion le refuse", "trop de tentatives, je suis bloqué dehors", "vous avez une vieille adresse de travail dans mon dossier"],
        "de": ["das neue Passwort wurde gespeichert, aber die Anmeldung lehnt es ab", "zu viele Versuche, ich komme nicht mehr in mein Konto", "bei Ihnen ist noch meine alte Arbeitsadresse hinterlegt"],
    },
    "exposure_question": {
        "en": ["can you tell me which of my details the intruders saw", "does this affect people who only bought in the store",
               "three days between finding it and emailing us, why", "how do I find out if my birthday and address were in that system", "what does 'account information' mean here"],
        "es": ["pueden decirme cuáles de mis datos vieron los intrusos", "afecta a quienes solo compramos en tienda", "tres días entre descubrirlo y avisarnos, por qué"],
        "fr": ["pouvez-vous me dire lesquelles de mes données les intrus ont vues", "est-ce que cela touche ceux qui achètent seulement en magasin", "trois jours entre la découverte et votre message, pourquoi"],
        "de": ["können Sie mir sagen welche meiner Angaben die Eindringlinge gesehen haben", "betrifft das auch Leute die nur im Laden kaufen", "drei Tage zwischen Entdeckung und Ihrer Mail, warum"],
    },
    "card_safety": {
        "en": ["my Amex is stored for quick checkout, do I need a replacement", "the bank flagged a purchase from an outdoor store I never made",
               "you say payment info wasn't affected but how can you be sure about my Discover", "should I freeze the card I used on your site last month"],
        "es": ["tengo la tarjeta guardada para pagar rápido, necesito una nueva", "el banco me avisó de una compra que yo no hice", "congelo la tarjeta que usé en su web"],
        "fr": ["ma carte est enregistrée pour payer vite, dois-je la remplacer", "la banque a signalé un achat que je n'ai pas fait", "je bloque la carte utilisée sur votre site"],
        "de": ["meine Karte ist für schnelles Bezahlen gespeichert, brauche ich eine neue", "die Bank meldet einen Kauf den ich nicht gemacht habe", "soll ich die Karte sperren die ich bei Ihnen benutzt habe"],
    },
    "phishing_check": {
        "en": ["see the message underneath, it has your logo but the sender looks odd", "a woman phoned claiming to be Meridian fraud team wanting my login",
               "got an SMS 'Meridian: verify now or lose your points' with a short link", "before I click anything, did you actually send the mail below"],
        "es": ["vean el mensaje de abajo, tiene su logo pero el remitente es raro", "una mujer llamó diciendo ser de fraude de Meridian y quería mi clave", "antes de hacer clic, ustedes mandaron el correo de abajo"],
        "fr": ["voyez le message ci-dessous, il a votre logo mais l'expéditeur est bizarre", "une femme a appelé en se disant du service fraude de Meridian", "avant de cliquer, est-ce vous qui avez envoyé le courriel ci-dessous"],
        "de": ["siehe Nachricht unten, Ihr Logo aber der Absender sieht komisch aus", "eine Frau rief an, angeblich Betrugsabteilung von Meridian, und wollte mein Passwort", "bevor ich klicke, haben Sie die Mail unten wirklich geschickt"],
    },
    "intl_access": {
        "en": ["I'm working in Dubai for the year and your page shows a forbidden error", "our ship has Starlink and meridian.example refuses to open",
               "from Sydney I only get 'not available in your region'", "my company VPN exits in Ohio and still the site blocks me"],
        "es": ["estoy trabajando en Madrid y su página sale prohibida", "desde Bogotá me dice no disponible en su región", "con la VPN de la empresa me bloquea igual"],
        "fr": ["je travaille à Paris cette année et votre page affiche interdit", "depuis Montréal j'ai « non disponible dans votre région »", "avec le VPN du bureau le site me bloque quand même"],
        "de": ["ich arbeite dieses Jahr in Wien und Ihre Seite zeigt verboten", "aus Zürich bekomme ich 'in Ihrer Region nicht verfügbar'", "mit dem Firmen-VPN sperrt mich die Seite trotzdem"],
    },
    "close_account": {
        "en": ["take me off every list you have, email and post", "under Virginia privacy law I request deletion of everything you hold on me",
               "I no longer want an account with Meridian, shut it", "no more promotional texts please"],
        "es": ["sáquenme de todas sus listas", "solicito la eliminación de toda la información que tengan de mí", "ya no quiero cuenta con Meridian"],
        "fr": ["retirez-moi de toutes vos listes", "je demande l'effacement de tout ce que vous détenez sur moi", "je ne veux plus de compte chez Meridian"],
        "de": ["nehmen Sie mich von allen Listen", "ich verlange die Löschung aller Daten die Sie über mich haben", "ich möchte kein Konto mehr bei Meridian"],
    },
    "identity_protection": {
        "en": ["other companies gave a year of Experian, are you doing that", "who pays if someone opens credit in my name now",
               "is there an enrollment link for the monitoring service", "I'd like you to reimburse the credit freeze fees"],
        "es": ["otras empresas dieron un año de Experian, ustedes también", "quién paga si alguien abre crédito a mi nombre", "hay un enlace para inscribirse al servicio de vigilancia"],
        "fr": ["d'autres entreprises ont offert un an de surveillance, et vous", "qui paie si quelqu'un ouvre un crédit à mon nom", "y a-t-il un lien d'inscription pour le service de surveillance"],
        "de": ["andere Firmen haben ein Jahr Schufa-Überwachung bezahlt, Sie auch", "wer zahlt wenn jemand einen Kredit auf meinen Namen aufnimmt", "gibt es einen Anmeldelink für den Überwachungsdienst"],
    },
    "complaint": {
        "en": ["twenty years of loyalty and this is how you treat us", "my lawyer will be in touch", "pathetic security, great job guys",
               "I'm telling everyone I know to shop elsewhere"],
        "es": ["veinte años de clienta y así nos tratan", "mi abogado se pondrá en contacto", "qué seguridad tan patética"],
        "fr": ["vingt ans de fidélité et voilà comment vous nous traitez", "mon avocat vous contactera", "sécurité lamentable, bravo"],
        "de": ["zwanzig Jahre Treue und so werden wir behandelt", "mein Anwalt wird sich melden", "erbärmliche Sicherheit, gut gemacht"],
    },
    "order_other": {
        "en": ["the kayak paddle I ordered on the 10th still shows processing", "can I swap the rain jacket for a medium",
               "the stove came without the fuel canister adapter", "did my store credit survive all this, I want to use it"],
        "es": ["el remo que pedí el día 10 sigue en proceso", "puedo cambiar la chaqueta por una talla M", "la estufa llegó sin el adaptador"],
        "fr": ["la pagaie commandée le 10 est toujours en traitement", "puis-je échanger la veste contre une taille M", "le réchaud est arrivé sans l'adaptateur"],
        "de": ["das am 10. bestellte Paddel steht immer noch auf in Bearbeitung", "kann ich die Regenjacke gegen Größe M tauschen", "der Kocher kam ohne Adapter"],
    },
    "thanks": {
        "en": ["all set on my end, appreciate you", "new password works, cheers", "just wanted to say Karen on chat was wonderful", "received, no questions"],
        "es": ["todo en orden, se agradece", "la nueva contraseña funciona, saludos", "solo quería decir que la agente fue muy amable"],
        "fr": ["tout est bon de mon côté, merci bien", "le nouveau mot de passe fonctionne", "je voulais juste dire que l'agente a été formidable"],
        "de": ["bei mir ist alles erledigt, besten Dank", "das neue Passwort funktioniert", "wollte nur sagen, die Mitarbeiterin war großartig"],
    },
}

SUBJECTS = {
    "reset_help": ["help!!", "not working", "password"], "login_problem": ["locked out", "still can't get in", "login"],
    "exposure_question": ["question about the hack", "which data", "?"], "card_safety": ["bank alert", "my card info", "card"],
    "phishing_check": ["FW: Verify your account", "real or fake", "weird call"], "intl_access": ["overseas", "blocked", "region error"],
    "close_account": ["remove me", "privacy request", "stop"], "identity_protection": ["monitoring", "Experian?", "freeze fees"],
    "complaint": ["shameful", "lawyer", "done with you"], "order_other": ["order", "exchange", "missing part"],
    "thanks": ["all good", "thank you!", ""],
}

# Long, off-topic openings: the request sits in the middle of a story, as in real mail.
OPENINGS = {
    "en": ["So we just got back from a week of camping at Yellowstone (great trip, your tent held up in a hailstorm!) and I found your email waiting.",
           "I am 81 and my grandson usually does these things but he is at college.",
           "Quick one between meetings.", "Not sure who reads these but here goes.",
           "First of all I want to say I have always liked your stores, the staff in Denver are lovely."],
    "es": ["Acabamos de volver de acampar y encontré su correo.", "Tengo 79 años y mi nieta me ayuda con esto.", "No sé quién lee esto pero bueno."],
    "fr": ["Nous rentrons d'une semaine de randonnée et j'ai trouvé votre message.", "J'ai 80 ans et mon petit-fils m'aide d'habitude.", "Je ne sais pas qui lit ceci mais voilà."],
    "de": ["Wir sind gerade aus dem Campingurlaub zurück und ich habe Ihre Mail gefunden.", "Ich bin 82 und mein Enkel hilft mir sonst.", "Ich weiß nicht wer das liest, aber egal."],
}

FOLLOW_UPS = {
    "en": ["Me again.", "Third email about this.", "Nothing has changed since my last message."],
    "es": ["Soy yo otra vez.", "Tercer correo sobre esto."], "fr": ["C'est encore moi.", "Troisième message à ce sujet."],
    "de": ["Ich schon wieder.", "Dritte Mail dazu."],
}

CLOSINGS = {
    "en": ["Cheers,\nRobin", "Best regards\nDr. H. Okafor", "Sent from my Galaxy", "Thank you kindly"],
    "es": ["Un saludo,\nMarisol", "Atentamente"], "fr": ["Bien à vous,\nGaëlle", "Salutations"], "de": ["Viele Grüße\nBirgit", "Beste Grüße"],
}

SUSPICIOUS = [
    "MERIDIAN OUTFITTERS - ACTION REQUIRED. We noticed a login from a new device. If this was not you, re-enter your password and security answers at http://meridian-account-check.example within 12 hours.",
    "Congratulations! As an apology for the data incident you have won a $500 gift card. Claim it at http://meridian-rewards.example/claim with your card details.",
]
