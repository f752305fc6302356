"""Writes data/training/heldout-fresh.jsonl: a third held-out file, written before any tuning of the ML.NET pipeline's
speed options (issue 19, third pass) and never looked at while choosing them.

Different from both other generators on purpose: it does not use composer.py or common.py or either phrase bank.
Each message is a whole mail built from one of six shapes (a chat line, a formal letter, a story with the request in
the middle, a bullet list, a mixed-language note, a reply above an earlier agent answer or order confirmation),
with requests written here in other words. Seeded: the same command always writes the same file.
    python3 data/training/tools/generate_fresh.py
"""
import argparse
import json
import os
import random

REQUESTS = {
    "reset_help": {
        "en": ["I've asked for the password email four times this morning and it never lands",
               "the reset button on your site spins and then says the request could not be completed",
               "your email's link opens a blank white page on my phone",
               "the six digit code you text me is always rejected as incorrect",
               "it won't let me pick a new password, keeps saying it doesn't meet the rules but doesn't say which rule"],
        "es": ["solicité el correo para cambiar la clave tres veces y no aparece por ningún lado",
               "el enlace para poner una clave nueva me abre una página en blanco"],
        "fr": ["j'ai redemandé le courriel de réinitialisation plusieurs fois, il n'arrive jamais",
               "le lien pour choisir un nouveau mot de passe m'affiche une page blanche"],
        "de": ["die Mail zum Zurücksetzen habe ich dreimal angefordert, sie kommt einfach nicht an",
               "der Link zum neuen Kennwort öffnet nur eine leere weiße Seite"],
    },
    "login_problem": {
        "en": ["I changed the password like you asked and now it says the username or password is wrong",
               "after changing my password the site keeps kicking me back to the sign in screen",
               "my account has been frozen after I typed the wrong password a few times",
               "the phone number you have for me is one I gave up in 2019 so the login code goes nowhere",
               "new password saved ok but when I log in it shows someone else's name on the account page"],
        "es": ["ya cambié la clave pero al iniciar sesión dice que el usuario o la clave no son correctos",
               "mi cuenta quedó congelada después de equivocarme con la clave"],
        "fr": ["j'ai changé mon mot de passe et maintenant on me dit identifiant ou mot de passe incorrect",
               "mon compte est gelé après quelques erreurs de mot de passe"],
        "de": ["Passwort geändert, jetzt heißt es beim Einloggen Benutzername oder Passwort falsch",
               "mein Konto ist gesperrt, nachdem ich mich ein paarmal vertippt habe"],
    },
    "exposure_question": {
        "en": ["what exactly did the hackers get, my address, my purchases, anything else",
               "how long were they inside before you noticed",
               "I only have an account from 2014 that I never use, is my old information part of this",
               "was my social security number stored anywhere they could reach",
               "you found out on the 17th and told us on the 20th, I'd like to understand the delay"],
        "es": ["qué información mía se llevaron exactamente, la dirección, las compras",
               "cuánto tiempo estuvieron dentro antes de que se dieran cuenta"],
        "fr": ["qu'ont-ils récupéré exactement, mon adresse, mes achats",
               "combien de temps sont-ils restés dans vos systèmes avant que vous le voyiez"],
        "de": ["was genau haben die Angreifer von mir, Adresse, Einkäufe, sonst noch etwas",
               "wie lange waren sie in Ihrem System, bevor Sie es bemerkt haben"],
    },
    "card_safety": {
        "en": ["do I need to call my bank and get a new visa because of this",
               "there are two charges from an online game store on my statement that I did not make, did this come from you",
               "my mastercard is saved in my profile, is the number still safe",
               "should I take my debit card off the account until this is sorted",
               "the credit union flagged a weird purchase right after your email, is it connected"],
        "es": ["tengo que pedir al banco una tarjeta nueva por esto",
               "me aparecen dos cargos raros en la tarjeta que guardé con ustedes"],
        "fr": ["dois-je faire opposition sur ma carte bancaire à cause de ça",
               "deux débits bizarres sur la carte que j'avais enregistrée chez vous"],
        "de": ["muss ich jetzt meine Kreditkarte bei der Bank sperren lassen",
               "auf meiner Abrechnung stehen zwei Buchungen, die nicht von mir sind, hängt das mit Ihnen zusammen"],
    },
    "phishing_check": {
        "en": ["somebody texted me a link saying my Meridian account will be closed unless I confirm my details, real or fake",
               "got a phone call from a man saying he was from your fraud team and wanted my card's security code",
               "this message below asks me to download an attachment to restore my account, is that you",
               "the email I got came from meridian-support-team.info, not your usual address, should I trust it",
               "a pop up on my laptop said my Meridian points expire today and asked for my login"],
        "es": ["me llegó un SMS con un enlace que dice que mi cuenta será cerrada, es de ustedes",
               "un hombre me llamó diciendo que era de su equipo de fraude y quería el código de la tarjeta"],
        "fr": ["j'ai reçu un SMS avec un lien qui dit que mon compte sera fermé, c'est vous",
               "un homme m'a appelé en disant être de votre service fraude et voulait le code de ma carte"],
        "de": ["ich habe eine SMS mit Link bekommen, mein Konto werde geschlossen, ist das echt",
               "ein Mann rief an, angeblich von Ihrer Betrugsabteilung, und wollte die Prüfziffer meiner Karte"],
    },
    "intl_access": {
        "en": ["I'm posted in South Korea for work and your site shows an access denied page",
               "at my daughter's place in Portugal and the website refuses to load at all",
               "my company laptop goes through a VPN and your site blocks me every time",
               "we live on a boat in the Bahamas and the satellite internet gets a forbidden error on your page",
               "on a cruise right now and cannot get to my account to change the password"],
        "es": ["vivo en Chile y la página me dice acceso denegado",
               "estoy de viaje en Colombia y su sitio no carga"],
        "fr": ["je suis au Maroc et votre site affiche accès refusé",
               "en déplacement en Belgique, impossible d'ouvrir votre site"],
        "de": ["ich bin in Thailand und Ihre Seite zeigt Zugriff verweigert",
               "über das VPN meiner Firma blockiert mich Ihre Website jedes Mal"],
    },
    "close_account": {
        "en": ["please wipe everything you hold on me and close the account for good",
               "take my email off every list you have, I don't want anything from you anymore",
               "under the state privacy law I am asking you to erase my personal information",
               "shut down my late father's account, he passed away last spring",
               "stop sending catalogs to my house and delete my profile"],
        "es": ["borren todos mis datos y cierren la cuenta para siempre",
               "no quiero recibir nada más, quiten mi correo de sus listas"],
        "fr": ["effacez toutes mes données et fermez définitivement mon compte",
               "retirez mon adresse de toutes vos listes, je ne veux plus rien recevoir"],
        "de": ["löschen Sie bitte alle meine Daten und schließen Sie das Konto endgültig",
               "nehmen Sie meine Adresse aus allen Verteilern, ich will nichts mehr bekommen"],
    },
    "identity_protection": {
        "en": ["are you offering people credit monitoring after this, and who pays for it",
               "my neighbour says you give a free year of identity protection, how do I sign up",
               "the enrollment code for the monitoring service isn't working on their site",
               "will you cover the cost if someone opens accounts in my name",
               "can my wife get the identity theft coverage too or only the account holder"],
        "es": ["van a ofrecer vigilancia de crédito gratis a los clientes",
               "cómo me apunto al servicio de protección de identidad"],
        "fr": ["proposez-vous une surveillance de crédit gratuite après cette fuite",
               "comment m'inscrire au service de protection contre l'usurpation d'identité"],
        "de": ["bieten Sie nach dem Vorfall eine kostenlose Bonitätsüberwachung an",
               "wie melde ich mich für den Identitätsschutz an"],
    },
    "complaint": {
        "en": ["this is the third time a company I trusted has lost my data and I'm done with all of you",
               "frankly it's disgraceful that you waited days to say anything",
               "I will be telling everyone I know to stop shopping with you",
               "I expect some kind of compensation for the hours I've lost over this",
               "your email was so vague it was insulting, nobody owns anything anymore"],
        "es": ["es una vergüenza que tardaran días en avisarnos",
               "voy a decirle a todo el mundo que dejen de comprarles"],
        "fr": ["c'est honteux d'avoir attendu plusieurs jours pour nous prévenir",
               "je vais dire à tout mon entourage de ne plus acheter chez vous"],
        "de": ["es ist eine Schande, dass Sie tagelang gewartet haben",
               "ich werde allen meinen Bekannten sagen, nicht mehr bei Ihnen zu kaufen"],
    },
    "order_other": {
        "en": ["the headlamp I ordered on the 12th still shows as processing",
               "I want to send back the rain jacket, it runs small, how do I get a label",
               "my parcel was marked delivered but nothing is on the porch",
               "is the 4 person dome tent coming back in stock before Christmas",
               "I was charged shipping twice on the same order"],
        "es": ["mi pedido del día 12 sigue en procesando",
               "quiero devolver la chaqueta porque me queda chica, cómo consigo la etiqueta"],
        "fr": ["ma commande du 12 est toujours en préparation",
               "je veux renvoyer la veste, elle taille petit, comment avoir l'étiquette"],
        "de": ["meine Bestellung vom 12. steht immer noch auf in Bearbeitung",
               "ich möchte die Regenjacke zurückschicken, sie ist zu klein, wie bekomme ich ein Etikett"],
    },
    "thanks": {
        "en": ["all fixed now, appreciate the quick answer",
               "that did the trick, have a good weekend",
               "got in with the new password, cheers for walking me through it",
               "no need to reply, just wanted to say your agent Maria was lovely",
               "sorted, thank you both"],
        "es": ["ya quedó todo, muchas gracias por la ayuda",
               "listo, ya pude entrar, gracias"],
        "fr": ["c'est réglé, merci beaucoup pour votre aide",
               "parfait, j'ai pu me connecter, merci"],
        "de": ["hat geklappt, vielen Dank für die schnelle Hilfe",
               "alles erledigt, danke schön"],
    },
}

GREETING = {"en": ["Hello,", "Hi there", "Good afternoon,", "To whom it may concern,", "Hey", ""],
            "es": ["Buenas tardes,", "Hola buenas", "Estimados señores:", ""],
            "fr": ["Madame, Monsieur,", "Salut", "Bonsoir,", ""],
            "de": ["Sehr geehrte Damen und Herren,", "Moin", "Guten Abend,", ""]}
SIGN = {"en": ["Regards, Tom", "- Priya", "Yours faithfully\nEdith Marsh", "thx", "Sent from my Galaxy", ""],
        "es": ["Saludos, Lucía", "Un cordial saludo\nJavier R.", "Enviado desde mi iPhone", ""],
        "fr": ["Cordialement,\nNathalie", "Bien à vous", "Envoyé de mon iPhone", ""],
        "de": ["Mit freundlichen Grüßen\nKlaus Weber", "Gruß, Anja", "Von meinem iPhone gesendet", ""]}
STORY = {"en": ["We've been camping with your gear since the kids were small and my husband swears by your boots. Yesterday I finally sat down with a coffee to deal with the email you sent.",
                "I'm writing from the library because our internet is out again after the storm. Anyway.",
                "My grandson usually handles these things but he's away at college, so bear with me."],
         "es": ["Les escribo desde el trabajo porque en casa no tengo computadora. Compro con ustedes desde hace años.",
                "Mi hijo me ayuda con estas cosas pero hoy no está, así que perdonen la redacción."],
         "fr": ["Je vous écris depuis le bureau, chez moi je n'ai pas d'ordinateur. Je suis cliente depuis longtemps.",
                "C'est ma fille qui s'occupe d'habitude de ces choses, excusez-moi si ce n'est pas clair."],
         "de": ["Ich schreibe vom Büro aus, zu Hause habe ich keinen Computer. Ich bin seit Jahren Kundin bei Ihnen.",
                "Normalerweise erledigt das mein Sohn, aber er ist verreist, also entschuldigen Sie die Form."]}
AFTER = {"en": ["Hope you can sort it soon.", "Let me know.", "I'd appreciate a reply from a real person."],
         "es": ["Espero su respuesta.", "Quedo atenta."],
         "fr": ["Dans l'attente de votre réponse.", "Merci de me tenir au courant."],
         "de": ["Ich warte auf Ihre Antwort.", "Bitte melden Sie sich."]}
SUBJECTS = {"en": ["", "quick question", "URGENT", "my account", "Re: Your recent order", "help pls", "Re: Important: please create a new password"],
            "es": ["", "consulta", "urgente", "RE: Important: please create a new password"],
            "fr": ["", "question", "urgent", "RE: Important: please create a new password"],
            "de": ["", "Anfrage", "dringend", "AW: Important: please create a new password"]}
MIXED_TAIL = {"es": "sorry por el inglés", "fr": "désolé pour mon anglais", "de": "sorry für mein Englisch"}
EARLIER = [
    "\n\n----- Earlier message -----\nFrom: Meridian Support <passwordchange@meridian.example>\n"
    "Thanks for getting in touch. An agent has looked at your account and sent a fresh link. It is valid for 24 hours.\n",
    "\n\nOn 21 Nov 2026, at 14:03, Meridian Orders <orders@meridian.example> wrote:\n"
    "> Your order MO-58213 has been received. We will email you when it ships.\n> Items: 1 x Trailhead 30L pack\n",
]


def typo(text, rng, rate):
    out = []
    for ch in text:
        r = rng.random()
        if ch.isalpha() and r < rate:
            continue  # dropped letter
        if ch.isalpha() and r < rate * 2:
            out.append(ch + ch)  # doubled letter
            continue
        out.append(ch)
    return "".join(out)


def shape(kind, lang, request, rng):
    greet, sign = rng.choice(GREETING[lang]), rng.choice(SIGN[lang])
    ask = request[0].upper() + request[1:]
    if kind == "chat":
        return request.lower() if rng.random() < 0.5 else request + ("??" if rng.random() < 0.5 else "")
    if kind == "letter":
        return "\n\n".join(p for p in [greet, ask + ".", rng.choice(AFTER[lang]), sign] if p)
    if kind == "story":
        return "\n\n".join(p for p in [greet, rng.choice(STORY[lang]) + " " + ask + ".", sign] if p)
    if kind == "bullets":
        lead = {"en": "Two things:", "es": "Dos cosas:", "fr": "Deux choses :", "de": "Zwei Dinge:"}[lang]
        other = {"en": "my account number is in my profile", "es": "mi número de cliente está en el perfil",
                 "fr": "mon numéro client est dans mon profil", "de": "meine Kundennummer steht im Profil"}[lang]
        return "\n".join(p for p in [greet, lead, "* " + ask, "* " + other, sign] if p)
    if kind == "mixed":
        tail = MIXED_TAIL.get(lang, "")
        return "\n".join(p for p in [greet, ask + ".", tail, sign] if p)
    return "\n\n".join(p for p in [ask + ".", sign] if p) + rng.choice(EARLIER)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-request", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "heldout-fresh.jsonl"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    kinds = ["chat", "letter", "story", "bullets", "mixed", "reply"]
    rows = []
    for intent in sorted(REQUESTS):
        n = 0
        for lang in ["en", "es", "fr", "de"]:
            for request in REQUESTS[intent][lang]:
                for k in range(args.per_request):
                    kind = kinds[(n + k * 2) % len(kinds)]
                    body = shape(kind, lang, request, rng)
                    if rng.random() < 0.35:
                        body = typo(body, rng, 0.03)
                    n += 1
                    rows.append({"id": f"fresh-{intent}-{n:04d}", "intent": intent, "lang": lang,
                                 "subject": rng.choice(SUBJECTS[lang]), "body": body, "source": "plain"})
    with open(args.out, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} messages to {os.path.normpath(args.out)}")


if __name__ == "__main__":
    main()
