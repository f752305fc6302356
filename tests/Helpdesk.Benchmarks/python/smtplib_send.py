"""The baseline the outbox is held to: a plain smtplib loop, one connection, STARTTLS + AUTH, every .eml file
of a folder sent in name order. Prints the seconds the loop took (connect to QUIT) and the CPU seconds this process used for it.

usage: smtplib_send.py HOST PORT CAFILE USER PASSWORD ENVELOPE_FROM RCPT FOLDER
"""
import os
import smtplib
import ssl
import sys
import time


def main():
    host, port, cafile, user, password, sender, rcpt, folder = sys.argv[1:9]
    names = sorted(os.listdir(folder))
    messages = []
    for name in names:
        with open(os.path.join(folder, name), "rb") as f:
            messages.append(f.read())
    context = ssl.create_default_context(cafile=cafile)
    start = time.perf_counter()
    cpu = time.process_time()
    with smtplib.SMTP(host, int(port)) as smtp:
        smtp.starttls(context=context)
        smtp.login(user, password)
        for message in messages:
            smtp.sendmail(sender, [rcpt], message)
    print(f"{time.perf_counter() - start:.4f} {time.process_time() - cpu:.4f}")


if __name__ == "__main__":
    main()
