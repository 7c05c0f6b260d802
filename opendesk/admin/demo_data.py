"""Names, streets and message texts the demo practice is made from (all invented)."""

FIRST_NAMES_F = """
    Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty
    Sandra Margaret Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie
    Rebecca Laura Helen Sharon Cynthia Kathleen Amy Angela Anna Brenda Emma Olivia Sophia Ava
    Isabella Mia Zoë Chloé Renée Maria Lucía Mei Aiko Priya Fatima Ingrid Siobhan
""".split()
FIRST_NAMES_M = """
    James Robert John Michael David William Richard Joseph Thomas Charles Christopher Daniel
    Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy
    Ronald Jason Edward Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Liam
    Noah Ethan Lucas José Mateo Hiroshi Arjun Omar Lars Seán Dmitri
""".split()
LAST_NAMES = (
    """
    Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
    Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
    Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill
    Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts O'Brien
    McAllister Nakamura Okafor Kowalski Lindqvist Müller Dubois Patel Kim García-López
""".split()
    + ["Van der Berg", "St. John"]
)
STREETS = (
    "Oak St",
    "Maple Ave",
    "Cedar Ln",
    "Pine St",
    "Elm St",
    "Willamette Dr",
    "Commercial St SE",
    "Liberty Rd S",
    "Lancaster Dr NE",
    "State St",
    "Court St NE",
    "River Rd N",
    "Fairview Ave",
    "Orchard Heights Rd NW",
    "Madrona Ave SE",
    "Mission St SE",
    "Sunnyview Rd NE",
)
CITIES = (
    ("Salem", "OR", "973"),
    ("Keizer", "OR", "973"),
    ("Portland", "OR", "972"),
    ("Silverton", "OR", "973"),
    ("Dallas", "OR", "973"),
)

PRACTICE_SUBJECTS = (
    "Your X-ray results",
    "Treatment plan for your next visit",
    "Post-operative care instructions",
    "Lab results from your biopsy",
    "Your periodontal charting",
    "Insurance pre-authorization approved",
    "Clinical summary of today's visit",
    "Follow-up after your extraction",
)
PRACTICE_BODIES = (
    "Hello {first},\n\nWe reviewed the radiographs from your visit. There is early decay on "
    "tooth #{tooth} that we would like to treat with a small filling. Please reply with a few "
    "times that suit you.\n\nBest regards,\n{provider}",
    "Hi {first},\n\nAttached is the treatment plan we discussed. The estimate assumes your "
    "insurance covers 80% of restorative work. Let us know if you have questions.\n\n{provider}",
    "Dear {first},\n\nYour biopsy results came back benign. No further treatment is needed; we "
    "will re-check the area at your next cleaning.\n\nKind regards,\n{provider}",
    "Hello {first},\n\nPlease keep the area clean, avoid straws for 48 hours, and take "
    "ibuprofen as directed. Call us if the bleeding does not stop.\n\n{provider}",
)
PATIENT_SUBJECTS = (
    "Question about my crown",
    "Sensitivity after filling",
    "Can I reschedule?",
    "Billing question",
    "RE: Your X-ray results",
    "Medication question",
)
PATIENT_BODIES = (
    "Hi, my tooth #{tooth} has been sensitive to cold since the filling last week. Is that "
    "normal? Thanks, {first}",
    "Hello, could we move my appointment to next Thursday afternoon? {first}",
    "Is it okay to take amoxicillin with my blood pressure medication? - {first}",
    "Thank you for the results. What does the treatment cost without insurance? {first}",
)

# WebMail templates (issue 22): (name, subject, body, the provider's abbreviation for a
# personal template or None for the practice's, file in the shared folder or "").
DEMO_TEMPLATES = (
    (
        "Post-op care",
        "Caring for your mouth after today's visit, [RegardingFName]",
        "Dear [PatientFName],\n\nAfter today's treatment, rinse gently with warm salt water "
        "three times a day and avoid hot drinks until the numbness wears off. The care sheet is "
        "attached.\n\nIf the bleeding does not stop or you have a fever, call us at "
        "[OfficePhone].\n\n[OfficeName]",
        None,
        "Post-op care.pdf",
    ),
    (
        "X-ray results",
        "Your X-ray results",
        "Dear [PatientFName],\n\n[ProviderName] has looked at the X-rays taken for "
        "[RegardingFName]. Nothing needs treatment right now; we will take new ones at the next "
        "check-up.\n\nNext appointment: [NextAptDate]",
        None,
        "",
    ),
    (
        "Recall",
        "Time for a cleaning, [RegardingFName]",
        "Dear [PatientFName],\n\nIt has been six months since [RegardingFName]'s last "
        "cleaning. Please call [OfficePhone] to choose a time.\n\n[OfficeName], [Today]",
        None,
        "",
    ),
    (
        "Crown ready",
        "Your crown is ready",
        "Dear [PatientFName],\n\nThe crown came back from the lab. Please call [OfficePhone] "
        "to book the fitting (about 45 minutes).",
        "KA",
        "",
    ),
)
