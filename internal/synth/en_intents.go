package synth

// enIntentPhrases are the English phrases that depend on the intent.
func enIntentPhrases() rawBook {
	return rawBook{
		keyOpen(IntentOrderStatus, moodCalm):    {"Hi, can you tell me when my order will ship?", "I ordered the {product} [on Monday|last week|a few days ago], what's the status?", "Could you check on my order please?", "My order still says processing, is that normal?"},
		keyOpen(IntentOrderStatus, moodAnxious): {"My {product} hasn't shipped yet and I need it by the weekend, will it make it?", "Why hasn't my order shipped? I really need it soon", "It's been days since I paid, is it out of stock?"},
		keyOpen(IntentOrderStatus, moodAngry):   {"It's been a WEEK and my order still hasn't shipped!!", "Ordered the {product} five days ago and nothing. Is this a scam?", "You said ships in 48 hours. It's been way longer than that!"},
		keyDetail(IntentOrderStatus):            {"I placed it on {date} and paid {price}", "The page just says processing", "The last agent said it would ship in {days} days"},
		keyResolve(IntentOrderStatus): {
			"I checked and your order is packed and will ship [this afternoon|tonight]; you'll get an email with tracking.",
			"Your {product} is in the warehouse queue and should ship within {days} days.",
			"Good news, it shipped! Tracking number is {tracking} with {courier}.",
		},
		keyFAQ(IntentOrderStatus): {"You can check your order status anytime under My Orders.", "In-stock items usually ship within 48 hours of payment."},

		keyOpen(IntentReturns, moodCalm):    {"I'd like to return the {product}, it doesn't fit", "How do I request a refund?", "Can I exchange the {product} for [a different size|another color|a new one]?", "What's the status of my refund?"},
		keyOpen(IntentReturns, moodAnxious): {"I requested a refund days ago and haven't got it, is something wrong?", "I mailed the return already, when do I get my money back? I'm getting worried", "It's been more than 7 days, can I still return the {product}? It's unopened"},
		keyOpen(IntentReturns, moodAngry):   {"My refund has been pending for two weeks!! Where is my money?", "Why was my refund request rejected?!", "You got the item back and still no refund. Are you kidding me?"},
		keyDetail(IntentReturns):            {"Return tracking is {tracking}, delivered on {date}", "It was {price}, paid by card", "It's still sealed with tags on"},
		keyResolve(IntentReturns): {
			"I've created the return; a courier will pick it up tomorrow and the {price} refund is processed once the warehouse receives it.",
			"The warehouse has your return and the refund of {price} has been issued.",
			"Your refund of {price} is approved and will go back to your original payment method.",
		},
		keyFAQ(IntentReturns): {"You can start a return from My Orders > Request Return.", "Refunds are issued within 1-3 business days after we receive the item."},

		keyOpen(IntentLogistics, moodCalm):    {"My package hasn't updated in three days", "Tracking shows it's stuck in {city}, is that normal?", "When will my {product} arrive?", "It says delivered but I don't have it"},
		keyOpen(IntentLogistics, moodAnxious): {"The package has been stuck in {city} for days and I'm leaving on Friday", "No tracking update for days, is it lost?", "It's a birthday gift, can you speed it up?"},
		keyOpen(IntentLogistics, moodAngry):   {"My package hasn't moved in a WEEK!! What courier do you even use?", "Says delivered, I never got it! Who signed for it?", "No update in 3 days and the courier won't answer the phone"},
		keyDetail(IntentLogistics):            {"Tracking number {tracking}", "Last scan was {date} in {city}", "It's with {courier} and hasn't gone out for delivery"},
		keyResolve(IntentLogistics): {
			"Your package {tracking} is at the {city} hub, delayed by weather; it should arrive within {days} days.",
			"I've asked {courier} to prioritize it, a driver will contact you today.",
			"It does look lost, so I'm sending a replacement and you'll get new tracking by email.",
		},
		keyFAQ(IntentLogistics): {"You can see live tracking on the order page. If nothing updates for 72 hours, ask for an agent.", "Weather may delay deliveries in some areas."},

		keyOpen(IntentQuality, moodCalm):    {"The {product} I got seems to have a problem", "My {product} [won't charge|won't turn on|started peeling] after two days", "The {product} has a scratch, can you help?", "I want to report a quality issue with the {product}"},
		keyOpen(IntentQuality, moodAnxious): {"The {product} gets really hot, is it safe?", "My kid got a rash after using the {product}, is something wrong with it?", "The {product} broke right away, is it under warranty?"},
		keyOpen(IntentQuality, moodAngry):   {"This {product} is a FAKE!! Terrible quality", "The {product} broke on day one. What junk is this?", "Paid {price} for the {product} and it broke after one use. Refund me!"},
		keyDetail(IntentQuality):            {"I have photos, the case is cracked", "Got it on {date} and followed the manual", "The batch number is {batch}"},
		keyResolve(IntentQuality): {
			"We'll replace it and ship a new {product} right away.",
			"I've opened a warranty case; we'll pick it up and get back to you within {days} business days.",
			"I've flagged batch {batch} to our quality team and started a full refund for you.",
		},
		keyFAQ(IntentQuality): {"If an item is defective, request a return within 15 days and attach photos.", "We cover return shipping for defective items."},

		keyOpen(IntentShelfLife, moodCalm):    {"What's the shelf life of the {product}?", "When was the {product} manufactured?", "How long does the {product} keep once opened?", "Will I get fresh stock of the {product} or near expiry?"},
		keyOpen(IntentShelfLife, moodAnxious): {"I think the {product} is close to expiry and my kid already drank some, is that okay?", "I can't read the date on the {product}, is it still safe for my baby?", "The {product} expires in {days} days, is it still ok to eat?"},
		keyOpen(IntentShelfLife, moodAngry):   {"You sold me EXPIRED {product}!!", "The {product} was made on {date} with a {shelf} shelf life. It's expired! Seriously?", "The {product} arrived past its best before date. What is wrong with you?"},
		keyDetail(IntentShelfLife):            {"Manufacture date is {date}, shelf life {shelf}", "The best before date on the box is {expiry}", "Lot number {batch}"},
		keyResolve(IntentShelfLife): {
			"Your batch {batch} was made on {date} with a {shelf} shelf life, so it's still within date.",
			"We'll refund the near-expiry item and cover return shipping.",
			"The {product} keeps for {shelf} unopened; once opened, refrigerate and use within 48 hours.",
		},
		keyFAQ(IntentShelfLife): {"The {product} has a shelf life of {shelf}; see the package for the production date.", "Food items ship with at least two thirds of their shelf life remaining."},

		keyOpen(IntentBilling, moodCalm):    {"Why was I charged twice?", "How do I get an invoice for my order?", "The amount charged doesn't match my order, can you check?"},
		keyOpen(IntentBilling, moodAnxious): {"My credit card was charged {price} twice, I really need that money back", "Payment said failed but the money was taken, what do I do?", "I need the invoice for my expense report ASAP"},
		keyOpen(IntentBilling, moodAngry):   {"Why did you charge me an extra {price}?!", "Double charged and no refund, is this a joke?", "This bill is completely wrong!"},
		keyDetail(IntentBilling):            {"Two charges of {price} on {date}", "I paid {price} but the page shows less", "It's the card ending {last4}"},
		keyResolve(IntentBilling): {
			"You were indeed charged twice; I've refunded the extra {price}.",
			"The invoice has been issued and emailed to you.",
			"The failed payment will be reversed by your bank within 1-3 business days.",
		},
		keyFAQ(IntentBilling): {"Invoices can be requested from the order page and are sent by email.", "Duplicate charges are usually reversed within 1-3 business days."},

		keyOpen(IntentAccount, moodCalm):    {"I want to change the phone number on my account", "I can't log in to my account", "How do I update my default shipping address?"},
		keyOpen(IntentAccount, moodAnxious): {"Someone logged into my account and placed an order!", "I got a verification code I didn't request, is my account safe?", "I changed my number and can't get the login code"},
		keyOpen(IntentAccount, moodAngry):   {"My account got hacked and you don't care??", "Why did you lock my account for no reason?", "Changing a phone number shouldn't take forever!"},
		keyDetail(IntentAccount):            {"The new number is {phone}", "Registered email is {email}", "There's an order for {price} I didn't place"},
		keyResolve(IntentAccount): {
			"I've reset your password; use the link we just texted you.",
			"Your phone number has been updated.",
			"I've locked the account and cancelled the suspicious order; please change your password.",
		},
		keyFAQ(IntentAccount): {"You can change your phone number under Settings > Account & Security.", "If your account looks compromised, change your password and contact an agent."},

		keyOpen(IntentPromotions, moodCalm):    {"Is the {coupon} deal still on?", "Will the {product} be on sale for Black Friday?", "How do I claim a coupon?"},
		keyOpen(IntentPromotions, moodAnxious): {"The sale ends today and my {coupon} coupon won't apply", "The price dropped {price} right after I bought it, can I get the difference?", "I didn't get the free gift from the promo"},
		keyOpen(IntentPromotions, moodAngry):   {"The {coupon} discount didn't apply at checkout! False advertising!", "Price dropped {price} the day after I bought it. What a ripoff", "Your promo rules are a mess on purpose"},
		keyDetail(IntentPromotions):            {"The promo page says {coupon}", "I bought it on {date} for {price}", "The free gift is the {product}"},
		keyResolve(IntentPromotions): {
			"I've applied a price adjustment; once approved, {price} goes back to your original payment method within 1-3 business days.",
			"Claim the {coupon} coupon on the promo page first, then select it at checkout.",
			"The gift was missed, I've shipped it separately.",
		},
		keyFAQ(IntentPromotions): {"Claim coupons in the Coupon Center; they apply automatically at checkout.", "Price protection is available within 7 days of purchase."},
	}
}
