"""Generate held-out set 6: python3 make_heldout6.py OUTDIR   (deterministic; not a test module)."""
import copy
import datetime as dt
import io
import json
import os
import random
import subprocess
import sys
import tempfile
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from h6_data import make_referral, make_return, case_ref, fmt, yn, CPP_WORDS, P as Pgen  # noqa: E402
from h6_docx import LAYOUTS, return_docx  # noqa: E402
from h6_pdf import export_pdf, letter_pdf, fillable_pdf, return_pdf, return_fillable  # noqa: E402

MAILBOX = "NorthSomersetSafeguardingChildrenPartnership@n-somerset.gov.uk"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OUT = sys.argv[1] if len(sys.argv) > 1 else "."
COUNT = {}
ROWS = []

PARTNERSHIPS = ["Somerset Safeguarding Children Partnership", "Bristol Safeguarding Children Partnership",
                "South Gloucestershire Safeguarding Children Partnership", "Devon Children and Families Partnership",
                "Wiltshire Safeguarding Vulnerable People Partnership", "Hampshire Safeguarding Children Partnership",
                "Lancashire Children's Safeguarding Assurance Partnership", "Leeds Safeguarding Children Partnership",
                "Essex Safeguarding Children Board", "Norfolk Safeguarding Children Partnership"]
TITLES = ["Referral for consideration of a Rapid Review", "Serious Incident Referral Form",
          "Case Review Referral", "Notification of a Serious Child Safeguarding Incident",
          "Request for a Child Safeguarding Practice Review", "Case for Consideration for Review"]


def when(name, ref_date=None):
    rng = random.Random("when" + name)
    d = ref_date or dt.date(2026, rng.randrange(9, 12), rng.randrange(1, 28))
    return dt.datetime(d.year, d.month, d.day, rng.randrange(8, 18), rng.randrange(60), rng.randrange(60),
                       tzinfo=dt.timezone.utc)


def base(name, frm, subject, date, to=MAILBOX, extra=None):
    m = EmailMessage()
    m["From"] = frm
    m["To"] = to
    m["Subject"] = subject
    m["Date"] = format_datetime(date)
    m["Message-ID"] = f"<{name}.{random.Random('mid' + name).getrandbits(48):x}@{frm.split('@')[-1].rstrip('>')}>"
    for k, v in (extra or {}).items():
        m[k] = v
    return m


def docx_bytes(d):
    b = io.BytesIO(); d.save(b); return b.getvalue()


def soffice(data, src_ext, dst):
    with tempfile.TemporaryDirectory() as td:
        p = os.path.join(td, "form." + src_ext)
        open(p, "wb").write(data)
        subprocess.run(["soffice", "--headless", "--convert-to", dst, "--outdir", td, p], check=True,
                       capture_output=True, timeout=180)
        ext = dst.split(":")[0]
        return open(os.path.join(td, "form." + ext), "rb").read()


def sig(pr, extra=""):
    return f"\n\n{pr['name']}\n{pr['role']}\n{pr['agency']}\nTel: {pr['phone']}\nEmail: {pr['email']}\n{extra}"


def save(name, msg, expected, carrier):
    raw = msg.as_bytes(policy=policy.SMTP)
    open(os.path.join(OUT, name + ".eml"), "wb").write(raw)
    json.dump(expected, open(os.path.join(OUT, name + ".json"), "w"), indent=2, ensure_ascii=False)
    ROWS.append((name, expected["kind"], carrier))


def exp(kind, cref=None, referral=None, ret=None, command=None):
    return {"kind": kind, "case_ref": cref, "referral": referral, "agency_return": ret, "command": command}


def referrer_from(ref):
    r = ref["referrer"]
    return f"{r['name']} <{r['email']}>"


def cover(rng, ref):
    r = ref["referrer"]
    return rng.choice([
        "Please find attached a referral for consideration of a rapid review. I have discussed it with my safeguarding lead.",
        "Dear colleagues,\n\nAttached is our referral form regarding a serious incident. Happy to discuss.",
        "Hi,\nReferral attached as discussed on the phone this morning.",
    ]) + f"\n\nKind regards\n{r['name']}"


DS = ["slash", "long", "dot", "mon", "ord", "short"]


# ------------------------------------------------------------------ referral with an attached form
def referral_attached(name, layout, carrier, conv=None, tweak=None, subj=None, fam_hyphen=False):
    ref, rng, p = make_referral(name)
    if tweak:
        tweak(ref, rng)
    if fam_hyphen:
        old = ref["family"][0]["name"]
        ref["child"]["carer"] = ref["child"]["carer"].replace(old, old.split()[0] + " Okonkwo-Reid")
        for f in ref["family"][:2]:
            f["name"] = f["name"].split()[0] + " Okonkwo-Reid"
        ref["child"]["name"] = ref["child"]["name"].split()[0] + " Okonkwo-Reid"
    ds = rng.choice(DS[:5])
    title, part = rng.choice(TITLES), rng.choice(PARTNERSHIPS)
    if carrier.startswith("pdf-export"):
        data, fn, ct = export_pdf(ref, ds, rng.choice(["Mosaic", "Liquidlogic LCS", "EMIS Web", "Niche RMS"])), "export.pdf", "application/pdf"
    elif carrier.startswith("pdf-letter"):
        org = [ref["referrer"]["agency"], "Safeguarding Team, Weston General Hospital", "Grange Road, Uphill, Weston-super-Mare, BS23 4TQ"]
        data, fn, ct = letter_pdf(ref, ds, org), "letter.pdf", "application/pdf"
    elif carrier.startswith("pdf-fillable"):
        data, fn, ct = fillable_pdf(ref, ds, title, layout), "referral_form.pdf", "application/pdf"
    else:
        d = LAYOUTS[layout](ref, rng, ds, title, part)
        data, fn, ct = docx_bytes(d), "CSPR referral form.docx", DOCX
        if conv == "pdf":
            data, fn, ct = soffice(data, "docx", "pdf"), "CSPR referral form.pdf", "application/pdf"
        elif conv == "doc":
            data, fn, ct = soffice(data, "docx", "doc:MS Word 97"), "Referral form.doc", "application/msword"
    m = base(name, referrer_from(ref), subj or rng.choice(["Referral - serious incident", "CSPR referral",
             "Rapid review referral form", "Request for rapid review - OFFICIAL SENSITIVE", "Serious incident notification"]),
             when(name, dt.date.fromisoformat(ref["referrer"]["date_submitted"])))
    m.set_content(cover(rng, ref))
    mt, st = ct.split("/")
    m.add_attachment(data, maintype=mt, subtype=st, filename=fn)
    save(name, m, exp("referral", None, ref), carrier)
    return ref


def null_fields(ref, *paths):
    for pth in paths:
        o = ref
        ks = pth.split(".")
        for k in ks[:-1]:
            o = o[k]
        o[ks[-1]] = None


# ------------------------------------------------------------------ body referrals
def html_table(rows):
    return "<table border='1' cellpadding='3' style='border-collapse:collapse;font-family:Calibri'>" + "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"


def ref_html_forward(name):
    ref, rng, p = make_referral(name)
    ds = "slash"
    rf, ch, cr = ref["referrer"], ref["child"], ref["criteria"]
    mgr = p.pro()
    fam = [["<b>Name</b>", "<b>Relationship</b>", "<b>DoB</b>", "<b>Address</b>", "<b>Ethnicity</b>"]] + [
        [f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]] for f in ref["family"]]
    ags = [["<b>Name</b>", "<b>Agency</b>", "<b>Contact</b>", "<b>Still involved?</b>"]] + [
        [a["name"], a["agency"], a["contact"], yn(a["still_involved"])] for a in ref["other_agencies"]]
    prs = [["<b>Process</b>", "<b>Status</b>"]] + [[x["process"], x["status"]] for x in ref["other_processes"]]
    main = html_table([["<b>Referrer name</b>", rf["name"]], ["<b>Role</b>", rf["role"]], ["<b>Agency</b>", rf["agency"]],
                       ["<b>Email</b>", rf["email"]], ["<b>Tel</b>", rf["phone"]], ["<b>Date submitted</b>", fmt(rf["date_submitted"], ds)],
                       ["<b>Name of child</b>", ch["name"]], ["<b>Date of birth</b>", fmt(ch["date_of_birth"], ds)],
                       ["<b>Home address</b>", ch["home_address"]], ["<b>Carer</b>", ch["carer"]],
                       ["<b>Date of death or critical incident</b>", fmt(ch["incident_date"], ds)],
                       ["<b>Location of incident</b>", ch["incident_location"]], ["<b>Ethnic origin</b>", ch["ethnicity"]],
                       ["<b>Faith</b>", ch["faith"]], ["<b>Disability</b>", ch["disability"]],
                       ["<b>Child protection plan</b>", CPP_WORDS[ch["child_protection_plan"]]],
                       ["<b>Is the child deceased?</b>", yn(cr["child_died"])],
                       ["<b>Is the child seriously harmed?</b>", yn(cr["seriously_harmed"])],
                       ["<b>Abuse or neglect known or suspected?</b>", cr["abuse_or_neglect"].capitalize()],
                       ["<b>Concern about agencies working together?</b>", yn(cr["agency_concern"])],
                       ["<b>Summary of events</b>", ref["summary"]]])
    sent = when(name, dt.date.fromisoformat(rf["date_submitted"]))
    html = (f"<html><body><p>Forwarding the referral below from {rf['name'].split()[0]} in my team, which I have "
            f"agreed. Please log it.</p><p>Thanks<br>{mgr['name']}<br>{mgr['role']}<br>{mgr['agency']}</p>"
            f"<hr><p><b>From:</b> {rf['name']} &lt;{rf['email']}&gt;<br><b>Sent:</b> {sent.strftime('%d %B %Y %H:%M')}<br>"
            f"<b>To:</b> {mgr['name']} &lt;{mgr['email']}&gt;<br><b>Subject:</b> referral for CSPR consideration</p>"
            f"<p>Hi {mgr['name'].split()[0]}, can you check and forward this please?</p>{main}<p><b>Family and significant others</b></p>"
            f"{html_table(fam)}<p><b>Other agencies</b></p>{html_table(ags)}<p><b>Other processes</b></p>{html_table(prs)}"
            f"<p>{rf['name']}</p></body></html>")
    m = base(name, f"{mgr['name']} <{mgr['email']}>", "FW: referral for CSPR consideration", sent + dt.timedelta(hours=2))
    m.set_content("This message is in HTML. Please view in an HTML capable client.")
    m.add_alternative(html, subtype="html")
    save(name, m, exp("referral", None, ref), "html body (Outlook forward)")


def ref_tab_pasted(name):
    ref, rng, p = make_referral(name, n_ag=2)
    rf, ch, cr = ref["referrer"], ref["child"], ref["criteria"]
    ds = "dot"
    X = lambda b: "[X]" if b else "[ ]"
    L = ["Hello, our form would not upload to the portal so I have pasted it below.", "",
         "REFERRAL FOR RAPID REVIEW", "",
         f"Referrer:\t{rf['name']}\tEmail:\t{rf['email']}",
         f"Role:\t{rf['role']}\tTel:\t{rf['phone']}",
         f"Agency:\t{rf['agency']}\tDate submitted:\t{fmt(rf['date_submitted'], ds)}", "",
         f"Name of child:\t{ch['name']}\tDate of birth:\t{fmt(ch['date_of_birth'], ds)}",
         f"Home address:\t{ch['home_address']}",
         f"Date of critical incident:\t{fmt(ch['incident_date'], ds)}\tLocation:\t{ch['incident_location']}",
         f"Carer:\t{ch['carer']}",
         f"Ethnic origin:\t{ch['ethnicity']}",
         f"Faith:\t{ch['faith']}\tDisability:\t{ch['disability']}",
         "Child protection plan:\t" + "  ".join(f"{X(ch['child_protection_plan'] == k)} {CPP_WORDS[k]}" for k in CPP_WORDS), "",
         "FAMILY", "Name\tRelationship\tDoB\tAddress\tEthnic origin"]
    for f in ref["family"]:
        L.append("\t".join([f["name"], f["relationship"], fmt(f["date_of_birth"], ds), f["address"], f["ethnicity"]]))
    L += ["", "CRITERIA",
          f"Is the child deceased?\t{X(cr['child_died'] is True)} Yes  {X(cr['child_died'] is False)} No",
          f"Seriously harmed?\t{X(cr['seriously_harmed'] is True)} Yes  {X(cr['seriously_harmed'] is False)} No",
          f"Abuse or neglect:\t{X(cr['abuse_or_neglect'] == 'known')} Known  {X(cr['abuse_or_neglect'] == 'suspected')} Suspected",
          f"Concern re agencies working together?\t{X(cr['agency_concern'] is True)} Yes  {X(cr['agency_concern'] is False)} No",
          "", "SUMMARY OF EVENTS", ref["summary"], "", "OTHER AGENCIES", "Name\tAgency\tContact\tStill involved?"]
    for a in ref["other_agencies"]:
        L.append("\t".join([a["name"], a["agency"], a["contact"], yn(a["still_involved"])]))
    L += ["", "OTHER PROCESSES", "Process\tCurrent status"] + [f"{x['process']}\t{x['status']}" for x in ref["other_processes"]]
    L += ["", "Thanks", rf["name"].split()[0], "",
          f"On {fmt(ref['referrer']['date_submitted'], 'long')}, CSPR Business Support wrote:",
          "> Thank you for your call. Please send the referral form to this mailbox",
          "> so that it can be logged and screened.", "> ", "> CSPR Business Support"]
    m = base(name, referrer_from(ref), "RE: rapid review referral - form pasted below",
             when(name, dt.date.fromisoformat(rf["date_submitted"])))
    m.set_content("\n".join(L))
    save(name, m, exp("referral", None, ref), "plain text body (tab-pasted form, quoted reply)")


def ref_gmail(name):
    ref, rng, p = make_referral(name, n_family=2, n_ag=2, n_proc=1)
    rf, ch, cr = ref["referrer"], ref["child"], ref["criteria"]
    school = random.Random(name).choice(["St Anne's Church Academy", "Mead Vale Primary School"])
    rf["agency"] = school
    rf["role"] = "Designated Safeguarding Lead"
    first, last = rf["name"].split()
    rf["email"] = f"{first.lower()}{last.lower()}{rng.randrange(70, 99)}@gmail.com"
    ds = "short"
    null_fields(ref, "child.faith", "child.disability", "child.carer")
    for f in ref["family"]:
        f["ethnicity"] = None; f["address"] = None
    L = ["Sorry to use my own email, the school system is down and I am told this cannot wait.", "",
         f"Name: {ch['name']}", f"DOB - {fmt(ch['date_of_birth'], ds)}", f"Address - {ch['home_address']}",
         f"Ethnicity - {ch['ethnicity']}",
         f"Child protection plan - {CPP_WORDS[ch['child_protection_plan']]}",
         f"What happened and when - on {fmt(ch['incident_date'], ds)} at {ch['incident_location']}.", "",
         ref["summary"], "",
         f"Referred by: {rf['name']}, {rf['role']}, {school}, {rf['email']}, {rf['phone']}",
         f"Date: {fmt(rf['date_submitted'], ds)}", "",
         "Criteria:",
         f"Died - {yn(cr['child_died'], 'yes', 'no')}"]
    if cr["seriously_harmed"] is not None:
        L.append(f"Seriously harmed - {yn(cr['seriously_harmed'], 'yes', 'no')}")
    L += [f"Abuse/neglect - {cr['abuse_or_neglect']}", f"Worried about how agencies worked together - {yn(cr['agency_concern'], 'yes', 'no')}", "",
          "Family:"]
    for f in ref["family"]:
        L.append(f"{f['relationship']} - {f['name']} ({fmt(f['date_of_birth'], ds)})")
    L += ["", "Others involved:"]
    for a in ref["other_agencies"]:
        L.append(f"{a['name']} at {a['agency']} ({a['contact']}) - {'still involved' if a['still_involved'] else 'no longer involved'}")
    L += ["", "Other processes:"] + [f"{x['process']}: {x['status']}" for x in ref["other_processes"]]
    L += ["", "Sent from my iPhone"]
    ref["summary"] = None  # typed under "What happened and when", no summary label: not scored
    m = base(name, f"{rf['name']} <{rf['email']}>", "urgent - referral", when(name, dt.date.fromisoformat(rf["date_submitted"])))
    m.set_content("\n".join(L))
    save(name, m, exp("referral", None, ref), "plain text body from a personal Gmail account (typed form)")


def blank_referral():
    return dict(referrer=dict(name=None, email=None, role=None, phone=None, agency=None, date_submitted=None),
                child=dict(name=None, date_of_birth=None, home_address=None, carer=None, incident_date=None,
                           incident_location=None, ethnicity=None, faith=None, disability=None, child_protection_plan=None),
                family=[], criteria=dict(child_died=None, seriously_harmed=None, abuse_or_neglect=None, agency_concern=None),
                summary=None, other_agencies=[], other_processes=[])


def ref_narrative(name, html=False, scen="teen_suicide"):
    full, rng, p = make_referral(name, scen=scen)
    ref = blank_referral()
    rf = p.pro()
    ref["referrer"].update(name=rf["name"], role=rf["role"], agency=rf["agency"], phone=rf["phone"], email=rf["email"])
    ch = full["child"]
    ref["child"].update(name=ch["name"], date_of_birth=ch["date_of_birth"], incident_date=ch["incident_date"],
                        incident_location=ch["incident_location"], home_address=ch["home_address"])
    first = ch["name"].split()[0]
    if scen == "teen_suicide":
        ref["criteria"].update(child_died=True)
        body = (f"Dear colleagues,\n\nI have not used the referral form as I am on leave from tomorrow and did not want this to wait. "
                f"I am writing to let you know that {ch['name']} (date of birth {fmt(ch['date_of_birth'], 'long')}), of "
                f"{ch['home_address']}, died on {fmt(ch['incident_date'], 'long')}. Place of death: "
                f"{ch['incident_location']}. It is believed {first} took their own life.\n\n"
                f"{first} had been open to our service and there had been several missing episodes and disclosures of self-harm. "
                "I think the partnership should consider whether this needs a rapid review. My colleague can pick up any "
                "questions while I am away.")
    else:
        ref["criteria"].update(seriously_harmed=True, abuse_or_neglect="suspected")
        ref["child"]["incident_location"] = None
        body = (f"Hello,\n\nI am ringing-round the partners as well but wanted this in writing. {ch['name']}, born "
                f"{fmt(ch['date_of_birth'], 'slash')}, home address {ch['home_address']}, was admitted on "
                f"{fmt(ch['incident_date'], 'slash')} to the children's hospital. "
                f"{first} has serious injuries (bleeding on the brain and fractures of different ages) and non-accidental "
                "injury is suspected. The child is seriously harmed and abuse is suspected. Please treat this as a referral "
                "for consideration of a rapid review; I will complete your form when I can.")
    s = sig(rf)
    if html:
        m = base(name, f"{rf['name']} <{rf['email']}>", "Serious injury to an infant - please consider for rapid review",
                 when(name, dt.date.fromisoformat(ch["incident_date"]) + dt.timedelta(days=1)))
        m.set_content(body + s)
        m.add_alternative("<html><body>" + "".join(f"<p>{x}</p>" for x in (body + s).split("\n\n")).replace("\n", "<br>")
                          + "</body></html>", subtype="html")
        carrier = "html narrative email, no form"
    else:
        m = base(name, f"{rf['name']} <{rf['email']}>", "Death of a young person",
                 when(name, dt.date.fromisoformat(ch["incident_date"]) + dt.timedelta(days=2)))
        m.set_content(body + s)
        carrier = "plain text narrative email, no form"
    save(name, m, exp("referral", None, ref), carrier)


def ref_protected(name):
    full, rng, p = make_referral(name)
    d = LAYOUTS["rowperq"](full, rng, "slash", "Serious Incident Referral Form", "Bristol Safeguarding Children Partnership")
    import msoffcrypto
    from msoffcrypto.format.ooxml import OOXMLFile
    plain = io.BytesIO(docx_bytes(d)); enc = io.BytesIO()
    OOXMLFile(plain).encrypt("Weston2026!", enc)
    rf = p.pro()
    ref = blank_referral()
    ref["referrer"].update(name=rf["name"], role=rf["role"], agency=rf["agency"], phone=rf["phone"], email=rf["email"])
    m = base(name, f"{rf['name']} <{rf['email']}>", "Referral - password protected (password to follow)", when(name))
    m.set_content("Good afternoon,\n\nPlease find attached a referral for a rapid review regarding a child who was seriously "
                  "injured last week. The form is password protected and I will send the password in a separate email."
                  + sig(rf))
    m.add_attachment(enc.getvalue(), maintype="application", subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                     filename="Referral.docx")
    save(name, m, exp("referral", None, ref), "password-protected .docx (unreadable), referral in subject")


def ref_fwd_attachment(name):
    ref, rng, p = make_referral(name)
    d = LAYOUTS["tickcols"](ref, rng, "long", "Referral for consideration of a Rapid Review", "Hampshire Safeguarding Children Partnership")
    inner = base(name + "i", referrer_from(ref), "CSPR referral", when(name, dt.date.fromisoformat(ref["referrer"]["date_submitted"])),
                 to="safeguarding.team@nhs.net")
    inner.set_content(cover(rng, ref))
    inner.add_attachment(docx_bytes(d), maintype="application",
                         subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename="referral.docx")
    mgr = p.pro()
    m = base(name, f"{mgr['name']} <{mgr['email']}>", "FW: CSPR referral",
             when(name, dt.date.fromisoformat(ref["referrer"]["date_submitted"])) + dt.timedelta(hours=3))
    m.set_content(f"Please see the attached email and referral form from our practitioner.\n\n{mgr['name']}\n{mgr['role']}")
    m.add_attachment(inner)
    save(name, m, exp("referral", None, ref), "forwarded as attachment (message/rfc822 holding a .docx)")


# ------------------------------------------------------------------ agency returns
def ret_common(name, involved=True):
    ret, rng, p, mgr = make_return(name, involved)
    cref = case_ref(rng)
    return ret, rng, p, mgr, cref


def ret_attached(name, kind, involved=True):
    ret, rng, p, mgr, cref = ret_common(name, involved)
    ds = rng.choice(DS[:5])
    a = ret["author"]
    lh = f"{ret['agency']} | Safeguarding Service | {rng.choice(['Weston-super-Mare', 'Bristol', 'Clevedon'])}"
    if kind in ("docx-table", "docx-qa", "pdf-soffice"):
        d = return_docx(ret, cref, rng, ds, "qa" if kind == "docx-qa" else "table", lh)
        data, fn, ct = docx_bytes(d), f"{cref} agency summary.docx", DOCX
        if kind == "pdf-soffice":
            data, fn, ct = soffice(data, "docx", "pdf"), f"{cref} agency summary.pdf", "application/pdf"
    elif kind == "pdf-report":
        data, fn, ct = return_pdf(ret, cref, ds, lh), f"{cref}_return.pdf", "application/pdf"
    else:
        data, fn, ct = return_fillable(ret, cref, ds), f"{cref}_IAS.pdf", "application/pdf"
    m = base(name, f"{a['name']} <{a['email']}>", rng.choice([f"{cref} - agency return", f"RE: {cref} Rapid review information request",
                                                                 f"Individual agency summary {cref}"]),
             when(name, dt.date.fromisoformat(ret["date_completed"])))
    m.set_content(f"Please find our return attached.\n\n{a['name']}")
    mt, st = ct.split("/")
    m.add_attachment(data, maintype=mt, subtype=st, filename=fn)
    save(name, m, exp("agency_return", cref, ret=ret), f"agency return: {kind}")


def ret_body(name, style):
    involved = style not in ("nil-text", "nil-html")
    ret, rng, p, mgr, cref = ret_common(name, involved)
    a = ret["author"]
    ds = "slash"
    if style == "nil-text":
        ret["signed_off_by"] = None
        body = (f"Dear Business Unit,\n\nRe: {cref}\n\nI have checked our systems for the child and the family members "
                f"named in your request. {ret['agency']} has had no involvement with the child or family, so this is a nil return.\n\n"
                f"Date: {fmt(ret['date_completed'], ds)}" + f"\n\nRegards,\n\n{a['name']}\n{a['role']}\n{ret['agency']}\n{a['phone']}\n{a['email']}")
        m = base(name, f"{a['name']} <{a['email']}>", f"Nil return - {cref}", when(name, dt.date.fromisoformat(ret["date_completed"])))
        m.set_content(body)
        carrier = "agency return: nil, plain text body"
    elif style == "nil-html":
        html = (f"<html><body><p>Hello,</p><p>Case reference: <b>{cref}</b></p><table border='1'>"
                f"<tr><td>Agency</td><td>{ret['agency']}</td></tr><tr><td>Any involvement with the child or family?</td><td>NO</td></tr>"
                f"<tr><td>Checked by</td><td>{a['name']}</td></tr><tr><td>Role</td><td>{a['role']}</td></tr>"
                f"<tr><td>Authorised by</td><td>{ret['signed_off_by']}</td></tr><tr><td>Date</td><td>{fmt(ret['date_completed'], 'long')}</td></tr></table>"
                f"<p>Kind regards<br>{a['name']}<br>{a['role']}<br>T: {a['phone']}<br>E: {a['email']}</p>"
                "<p style='font-size:8pt;color:grey'>This email and any attachments are confidential. If you have received it in error "
                "please notify the sender and delete it.</p></body></html>")
        m = base(name, f"{a['name']} <{a['email']}>", f"RE: {cref} request for information", when(name, dt.date.fromisoformat(ret["date_completed"])))
        m.set_content("HTML only")
        m.add_alternative(html, subtype="html")
        carrier = "agency return: nil, HTML body with table"
    elif style == "full-html":
        rows = [("Agency", ret["agency"]), ("Author", a["name"]), ("Role", a["role"]), ("Email", a["email"]), ("Phone", a["phone"]),
                ("Involved?", "Yes"), ("Involvement from", fmt(ret["involvement_from"], "long")),
                ("Involvement to", fmt(ret["involvement_to"], "long")), ("Summary of involvement", ret["summary"]),
                ("Immediate actions", ret["immediate_actions"]), ("Learning", ret["learning"]), ("Records secured", "Yes"),
                ("Manager sign off", ret["signed_off_by"]), ("Date completed", fmt(ret["date_completed"], "long"))]
        html = (f"<html><body><p>Please see our return for {cref} below (our template would not attach).</p>"
                + html_table([(f"<b>{k}</b>", v) for k, v in rows]) + "</body></html>")
        m = base(name, f"{a['name']} <{a['email']}>", f"{cref} agency return", when(name, dt.date.fromisoformat(ret["date_completed"])))
        m.set_content("HTML only")
        m.add_alternative(html, subtype="html")
        carrier = "agency return: full, HTML body table"
    else:  # full text quoted reply
        body = (f"Hi,\n\nOur return for the rapid review is below.\n\n"
                f"AGENCY: {ret['agency']}\nCOMPLETED BY: {a['name']} ({a['role']})\nCONTACT: {a['email']} | {a['phone']}\n"
                f"INVOLVED: Yes, from {fmt(ret['involvement_from'], ds)} to {fmt(ret['involvement_to'], ds)}\n\n"
                f"SUMMARY:\n{ret['summary']}\n\nACTIONS TAKEN SO FAR:\n{ret['immediate_actions']}\n\n"
                f"LEARNING:\n{ret['learning']}\n\nRECORDS SECURED: Yes\nSIGNED OFF: {ret['signed_off_by']}\n"
                f"DATE: {fmt(ret['date_completed'], ds)}\n\n"
                f"From: CSPR Business Support <{MAILBOX}>\nSent: {fmt(dt.date.fromisoformat(ret['date_completed']) - dt.timedelta(days=8), 'long')}\n"
                f"Subject: {cref} Rapid review information request\n\n"
                "> Dear colleague, a rapid review has been agreed. Please complete the agency summary\n"
                "> within 10 working days, including a nil return if you had no involvement.\n")
        m = base(name, f"{a['name']} <{a['email']}>", f"RE: {cref} Rapid review information request", when(name, dt.date.fromisoformat(ret["date_completed"])))
        m.set_content(body)
        carrier = "agency return: full, plain text reply with quoted request"
    save(name, m, exp("agency_return", cref, ret=ret), carrier)


# ------------------------------------------------------------------ commands and replies
def command(name, first_line, verb, args, role_pro, extra_lines=()):
    rng = random.Random(name)
    p = Pgen(rng)
    pr = p.pro(role_pro) if role_pro else p.pro()
    cref = case_ref(rng)
    d = when(name)
    body = "\n".join([first_line, *extra_lines, "", pr["name"], "",
                      f"On {d.strftime('%d %B %Y')} at 09:02, csprbot <{MAILBOX}> wrote:",
                      f"> Case {cref}: screening decision due. Reply with one of the commands below",
                      "> on the first line of your reply.", ">", "> DECISION: RAPID REVIEW", "> DECISION: NO RAPID REVIEW <reason>"])
    m = base(name, f"{pr['name']} <{pr['email']}>", f"RE: {cref} - action needed", d,
             extra={"In-Reply-To": f"<{cref}.notice@n-somerset.gov.uk>"})
    m.set_content(body)
    save(name, m, exp("reply", cref, command={"verb": verb, "args": args} if verb else None),
         "command reply" if verb else "reply without a command")


# ------------------------------------------------------------------ noise
def noise(name, kind):
    rng = random.Random(name)
    p = Pgen(rng)
    pr = p.pro()
    cref = case_ref(rng)
    d = when(name)
    if kind == "ooo-headers":
        m = base(name, f"{pr['name']} <{pr['email']}>", f"Automatic reply: {cref} agency return reminder", d,
                 extra={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"})
        m.set_content(f"Thank you for your email. I am out of the office until {fmt(d.date() + dt.timedelta(days=6), 'long')} "
                      f"with no access to email. For urgent safeguarding matters please contact the duty line on {p.phone()}.\n\n{pr['name']}")
        save(name, m, exp("auto_reply", cref), "out-of-office with Auto-Submitted header")
    elif kind == "ooo-plain":
        m = base(name, f"{pr['name']} <{pr['email']}>", f"Out of Office: RE: {cref} information request", d)
        m.set_content(f"Hello, I'm currently on annual leave and will respond when I return on "
                      f"{fmt(d.date() + dt.timedelta(days=3), 'slash')}. If your email is urgent please contact my manager.\n\nThanks\n{pr['name'].split()[0]}")
        save(name, m, exp("auto_reply", cref), "out-of-office, no auto headers")
    elif kind == "newsletter":
        m = base(name, "Safeguarding Updates <news@safeguarding-bulletins.co.uk>", "December briefing: Working Together changes, new "
                 "rapid review guidance and training dates", d,
                 extra={"List-Unsubscribe": "<mailto:unsubscribe@safeguarding-bulletins.co.uk>", "Precedence": "bulk"})
        m.set_content("In this issue: the national panel's updated guidance on rapid reviews; learning from recent child "
                      "safeguarding practice reviews on infant head injuries; places left on our multi-agency training.\n\n"
                      "You are receiving this because you subscribed. Unsubscribe at any time.")
        m.add_alternative("<html><body><h2>December briefing</h2><p>The national panel's updated guidance on rapid reviews, "
                          "learning on infant head injuries, and training dates.</p><p><a href='https://example.org/u'>Unsubscribe</a></p></body></html>",
                          subtype="html")
        save(name, m, exp("unknown"), "newsletter (bulk)")
    elif kind == "misdirected":
        full, rng2, p2 = make_referral(name, scen="neglect")
        ch = full["child"]
        m = base(name, f"{pr['name']} <{pr['email']}>", "MARF - request for support", d)
        m.set_content(f"Multi-agency referral form (front door)\n\nAbout you: {pr['name']}, {pr['role']}, {pr['agency']}\n"
                      f"About the child: {ch['name']}, DOB {fmt(ch['date_of_birth'], 'slash')}, {ch['home_address']}\n\n"
                      "Reason for referral: the family are struggling with rent arrears and the child has missed nursery "
                      "sessions. Mum has asked for help with parenting and housing. No injuries or immediate risk. Consent obtained "
                      "from parent. Expected response: early help assessment.\n\n" + pr["name"])
        save(name, m, exp("unknown"), "misdirected front-door (MASH) referral")
    elif kind == "bounce":
        m = EmailMessage()
        m["From"] = "Mail Delivery System <MAILER-DAEMON@mx.n-somerset.gov.uk>"
        m["To"] = MAILBOX
        m["Subject"] = f"Undeliverable: {cref} Rapid review information request"
        m["Date"] = format_datetime(d)
        m["Message-ID"] = f"<{name}@mx.n-somerset.gov.uk>"
        m["Auto-Submitted"] = "auto-generated"
        m.set_content(f"Delivery has failed to these recipients or groups:\n\n{pr['email']}\nThe email address you entered couldn't be found.\n\n"
                      f"Original subject: {cref} Rapid review information request")
        save(name, m, exp("auto_reply", cref), "bounce (non-delivery report)")


def main():
    os.makedirs(OUT, exist_ok=True)
    # referrals with attached forms
    referral_attached("r01_docx_rowperq", "rowperq", "docx: one question per row, glyph boxes")
    referral_attached("r02_docx_labelabove", "labelabove", "docx: label above value, vertical person blocks")
    referral_attached("r03_docx_family_prose", "prose", "docx: family as prose lines, typed Yes/No")
    referral_attached("r04_docx_tickcols", "tickcols", "docx: tick columns (check marks, X, Yes)")
    referral_attached("r05_docx_contentcontrols", "cc", "docx: content controls (text, check box, drop-down)")
    referral_attached("r06_docx_legacy", "legacy", "docx: legacy FORMTEXT/FORMCHECKBOX fields")
    referral_attached("r07_docx_textbox_headfoot", "textbox", "docx: summary in a text box, date in footer")
    referral_attached("r08_docx_nested", "nested", "docx: nested tables")
    referral_attached("r09_docx_split", "split", "docx: family table split across pages")
    referral_attached("r10_docx_notification", "notif", "docx: notification style, surname/forename split")
    referral_attached("r11_docx_labelabove_b", "labelabove", "docx: label above value, vertical person blocks")
    referral_attached("r12_docx_tickcols_b", "tickcols", "docx: tick columns (check marks, X, Yes)")
    referral_attached("r13_pdf_rowperq", "rowperq", "pdf (LibreOffice from docx): one question per row", conv="pdf")
    referral_attached("r14_pdf_labelabove", "labelabove", "pdf (LibreOffice from docx): label above value", conv="pdf")
    referral_attached("r15_pdf_tickcols_hyphen", "tickcols", "pdf (LibreOffice from docx): tick columns, hyphenated names", conv="pdf", fam_hyphen=True)
    referral_attached("r16_pdf_prose", "prose", "pdf (LibreOffice from docx): family as prose", conv="pdf")
    referral_attached("r17_pdf_notification", "notif", "pdf (LibreOffice from docx): notification style", conv="pdf")
    referral_attached("r18_pdf_export", None, "pdf-export (reportlab, case-system export)")
    referral_attached("r19_pdf_letter", None, "pdf-letter (reportlab, hospital letter)")
    referral_attached("r20_pdf_fillable_cryptic", "cryptic", "pdf-fillable (AcroForm, Text1/Check Box1 names)")
    referral_attached("r21_pdf_fillable_xfa_names", "prefixed", "pdf-fillable (AcroForm, topmostSubform names)")
    referral_attached("r22_doc_word97", "rowperq", "Word 97 .doc (LibreOffice from docx)", conv="doc")
    referral_attached("r23_pdf_nested", "nested", "pdf (LibreOffice from docx): nested tables", conv="pdf")
    ref_html_forward("r24_html_outlook_forward")
    ref_tab_pasted("r25_text_tab_pasted")
    ref_gmail("r26_gmail_typed")
    ref_narrative("r27_narrative_death", html=False, scen="teen_suicide")
    ref_narrative("r28_narrative_injury_html", html=True, scen="infant_head")
    ref_protected("r29_protected_docx")
    ref_fwd_attachment("r30_forward_as_attachment")
    # agency returns
    ret_attached("a01_docx_table", "docx-table")
    ret_attached("a02_docx_qa", "docx-qa")
    ret_attached("a03_pdf_soffice", "pdf-soffice")
    ret_attached("a04_pdf_report", "pdf-report")
    ret_attached("a05_pdf_fillable", "pdf-fillable")
    ret_attached("a06_docx_nil", "docx-table", involved=False)
    ret_body("a07_text_nil", "nil-text")
    ret_body("a08_html_nil", "nil-html")
    ret_body("a09_html_full", "full-html")
    ret_body("a10_text_full_quoted", "full-text")
    # commands
    from h6_data import AGENCIES
    command("c01_notified", "NOTIFIED: 2026-11-20", "NOTIFIED", "2026-11-20", AGENCIES[2])
    command("c02_no_rapid_review", "DECISION: NO RAPID REVIEW 2026-11-18 criteria not met, single agency learning instead",
            "DECISION", None, AGENCIES[4])
    command("c03_rapid_review", "DECISION: RAPID REVIEW", "DECISION", None, AGENCIES[4],
            extra_lines=["AGENCIES: police, health, school"])
    command("c04_confirm", "CONFIRM", "CONFIRM", None, AGENCIES[2])
    command("c05_aware", "AWARE: 2026-11-03", "AWARE", "2026-11-03", AGENCIES[2])
    command("c06_reply_no_command", "Thanks - I will chase the school for their return today.", None, None, AGENCIES[2])
    # noise
    noise("n01_ooo_headers", "ooo-headers")
    noise("n02_ooo_plain", "ooo-plain")
    noise("n03_newsletter", "newsletter")
    noise("n04_misdirected_marf", "misdirected")
    noise("n05_bounce", "bounce")
    with open(os.path.join(OUT, "gen", "manifest.tsv"), "w") as f:
        for r in ROWS:
            f.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
