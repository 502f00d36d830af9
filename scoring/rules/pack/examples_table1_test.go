package pack

import "github.com/convqa/convqa/internal/transcript"

// Cards and IDs below pass their checksums (Luhn, GB 11643, the Taiwan
// ID's), as real ones do.
const (
	card19 = "6222 0212 3456 7890 128"
	card16 = "4392 2600 1234 5672"
	cardTW = "5187-1234-5678-9019"
	idCN   = "110101199003074514"
	idTW   = "A123456789"
)

// cases are, per rule, conversations where it must fail and
// conversations where it must not (pass or N/A): at least three of each,
// in Simplified Chinese, Traditional Chinese and English. The
// non-violations include the tempting ones: a promise declined, a card
// read back masked, a hold announced, the customer saying what the agent
// must not, and everyday words that contain a flagged one (我操作一下,
// 三八节, 为了保证您的账户安全).
type cases struct{ fire, quiet []ex }

// examplesOpeningToResolution: the rules of opening.yaml, security.yaml,
// understanding.yaml and resolution.yaml.
var examplesOpeningToResolution = map[string]cases{
	// opening
	"no_greeting": {
		fire: []ex{
			zhs("c: 在吗", "a: 什么事？"),
			zhs("b: 您好，我是智能客服小智", "c: 转人工", "b: 正在为您转接人工客服", "s: 会话已转接至人工客服小美", "a: 说吧。"),
			zht("c: 請問有人在嗎", "a: 訂單編號給我。"),
			en("c: hi", "a: What do you need?"),
			en("c: Hello,\n\nWhere is my parcel?", "a: Your parcel shipped yesterday.\n\nBest regards,\nAnna").on(transcript.ChannelEmail),
		},
		quiet: []ex{
			zhs("c: 在吗", "a: 您好，欢迎光临优选商城，请问有什么可以帮您？"),
			zhs("b: 请问有什么可以帮您？", "c: 查物流", "b: 您可以在订单详情中查看物流。"),
			zht("c: 唔該", "a: 哈囉您好，請問有什麼需要協助的呢？"),
			zht("a: 您好，這裡是優選商城客服中心，工號1024，很高興為您服務。", "c: 我想查訂單").on(transcript.ChannelVoice),
			en("c: hi", "a: Hi there, thanks for contacting ShopWell. How can I help?"),
			en("c: Hello,\n\nWhere is my parcel?", "a: Dear customer,\n\nYour parcel shipped yesterday.").on(transcript.ChannelEmail),
		},
	},
	"no_self_introduction": {
		fire: []ex{
			zhs("c: 在吗", "a: 您好，请问有什么可以帮您？"),
			zht("c: 請問有人在嗎", "a: 您好，請問有什麼可以幫您的嗎？"),
			en("c: hello", "a: Hello, how can I help you today?"),
		},
		quiet: []ex{
			zhs("c: 在吗", "a: 您好，我是客服小美，很高兴为您服务。"),
			zht("a: 您好，歡迎來電優選商城，工號1024，很高興為您服務。", "c: 我想問訂單").on(transcript.ChannelVoice),
			en("c: hi", "a: Hi, my name is Anna from ShopWell support."),
			en("b: Hi! I'm the ShopWell assistant.", "c: track my order"),
		},
	},

	// security
	"no_identity_check": {
		fire: []ex{
			zhs("c: 我想改一下账户绑定的手机号", "a: 您账户绑定的手机号是13812345678，邮箱是li.ming@qq.com。"),
			zhs("c: 我的账号登录不了", "a: 您账户绑定的手机号是[PHONE]。"),
			zht("c: 我想改帳號綁定的手機號碼", "a: 查到了，您帳戶目前的Email是chen88@gmail.com，收件地址是台北市信義區松高路11號。"),
			en("c: I want to update my address", "a: The account is registered to jane.doe@example.com and your default address is 12 High St."),
		},
		quiet: []ex{
			zhs("c: 我想改一下账户绑定的手机号", "a: 为了保障您的账户安全，请提供一下注册手机号。", "c: 13812345678",
				"a: 好的，核实通过。", "a: 您账户绑定的邮箱是li.ming@qq.com。"),
			zht("c: 帳號登入不了", "a: 為了保障您的帳戶安全，需要先核對身分，請提供註冊的手機號碼。", "c: 0912345678",
				"a: 好的，身分核對無誤。", "a: 您帳戶的Email是chen88@gmail.com。"),
			en("c: I can't log in", "a: Before I access your account, I need to verify your identity. What's the phone number you registered with?",
				"c: +1 415 555 0132", "a: Thanks, verification complete.", "a: I can see your account email is jane.doe@example.com."),
			en("c: How do I change my address?", "a: You can change it under Settings > Addresses."),
		},
	},
	"card_readback": {
		fire: []ex{
			zhs("c: 退到这张卡吧："+card19, "a: 好的，已登记银行卡"+card19+"，退款会退到这张卡。"),
			zhs("a: 已登记银行卡[CARD]，退款会退到这张卡。"),
			zht("a: 跟您核對一下，您的卡號是" + cardTW + "，對嗎？"),
			en("a: Just to confirm, your card number is " + card16 + ", correct?"),
		},
		quiet: []ex{
			zhs("c: 卡号"+card19, "a: 跟您确认一下，是尾号0128的银行卡对吗？"),
			zht("c: 信用卡號碼是"+cardTW, "a: 好的，已登記末四碼9019的卡片。"),
			en("c: card number "+card16, "a: Got it, the refund will go to the card ending 5672."),
		},
	},
	"id_readback": {
		fire: []ex{
			zhs("a: 好的，您的身份证号是" + idCN + "，已经帮您登记了。"),
			zhs("a: 已录入身份证[ID]，清关信息提交成功。"),
			zht("a: 跟您核對一下身分證字號：" + idTW + "，沒錯吧？"),
			en("a: Okay, your ID number is " + idCN + ", I've registered it."),
		},
		quiet: []ex{
			zhs("c: 身份证号"+idCN, "a: 身份证后四位4514已核对无误。"),
			zht("c: 身分證字號"+idTW, "a: 身分證末四碼6789已核對無誤。"),
			en("c: ID number "+idCN, "a: ID ending in 4514 is verified."),
		},
	},
	"credential_request": {
		fire: []ex{
			zhs("a: 麻烦把收到的验证码发给我一下。"),
			zhs("a: 请告诉我您的支付密码，我帮您操作。"),
			zht("a: 請提供一下簡訊驗證碼，我這邊幫您登入。"),
			en("a: Can you tell me the verification code we just sent you?"),
			en("a: What's your password?"),
		},
		quiet: []ex{
			zhs("a: 请不要把验证码告诉任何人，包括客服。"),
			zhs("a: 我们会给您发送验证码，请在页面输入。"),
			zhs("c: 收到验证码短信但不是我操作的", "a: 已经为您冻结账户，建议尽快修改密码。"),
			zht("a: 客服不會向您索取密碼或驗證碼，請放心。"),
			en("a: Never share your verification code with anyone, including us."),
			en("a: We'll send you a one-time code; enter it on the login page."),
		},
	},
	"other_customer_data": {
		fire: []ex{
			zhs("a: 另一位客户的地址也是这个小区。"),
			zht("a: 其他客人的訂單也是這個批號，他的電話是0912345678。"),
			en("a: Another customer's order went to the same address yesterday."),
		},
		quiet: []ex{
			zhs("a: 抱歉，其他客户的信息我们不能透露。"),
			zht("a: 不好意思，其他顧客的資料我們無法提供。"),
			en("a: I'm sorry, I can't share another customer's details."),
		},
	},

	// understanding and empathy
	"no_empathy": {
		fire: []ex{
			zhs("c: 都一个星期了还不发货！！", "a: 您好，我是客服小美。", "a: 订单明天发出。", "a: 请问还有其他可以帮您的吗？"),
			zhs("c: 我的快递到哪了", "a: 请问您的订单号是多少？", "c: 123456789012345678", "a: 订单号是多少？",
				"c: 我刚才不是发过了吗？123456789012345678", "a: 已经发货了。"),
			zht("c: 退款拖了半個月了！！到底退不退？", "a: 您好，我是客服小美。", "a: 退款已經送出。"),
			en("c: My refund has been pending for two weeks!! Where is my money?", "a: Hi, this is Anna.", "a: Your refund was issued today."),
			en("c: My refund has been pending for two weeks!!", "a: One moment please.", "a: Thanks for holding. Your refund was issued."),
		},
		quiet: []ex{
			zhs("c: 都一个星期了还不发货！！", "a: 非常理解您的心情，给您带来不便非常抱歉，订单明天发出。"),
			zhs("c: 你们是骗子吗？转人工！", "a: 好的，正在为您转接人工客服。"),
			zht("c: 退款拖了半個月了！！", "a: 真的非常抱歉，造成您的困擾，我馬上幫您處理。"),
			en("c: This is ridiculous!!", "a: I completely understand how frustrating this is, I'm sorry."),
			en("c: When will my order ship?", "a: It ships tomorrow."),
		},
	},
	"repeated_order_number_request": {
		fire: []ex{
			zhs("a: 请问您的订单号是多少？", "c: 订单号：123456789012345678", "a: 麻烦您再发一次订单号。"),
			zhs("b: 请输入您要查询的订单号。", "c: 123456789012345678", "s: 会话已转接至人工客服小美", "a: 订单号发一下。"),
			zht("a: 請問您的訂單編號是多少呢？", "c: 訂單編號：123456789012345678", "a: 訂單編號是？"),
			en("a: What's the order number?", "c: it's 123-1234567-1234567", "a: Can you send the order number again?"),
		},
		quiet: []ex{
			zhs("a: 请提供一下订单号。", "c: 123456789012345678", "a: 查到了，已经发货了。"),
			zht("a: 訂單編號給我。", "c: 我的包裹怎麼還沒到？", "a: 請提供一下您的訂單號碼，謝謝。", "c: 訂單編號：123456789012345678"),
			en("a: What's your order number?", "c: #123456789", "a: Your order number is #123456789 and it shipped today."),
		},
	},
	"complaint_not_acknowledged": {
		fire: []ex{
			zhs("c: 再不解决我就打12315投诉！", "a: 请问还有其他可以帮您的吗？祝您生活愉快！"),
			zht("c: 我要客訴，請你們主管來", "a: 謝謝您的耐心等候，再見。"),
			en("c: I want to file a formal complaint, get me your manager", "a: Have a great day!"),
		},
		quiet: []ex{
			zhs("c: 我要投诉你们！", "a: 非常抱歉，我马上帮您升级给主管处理。"),
			zhs("c: 我不想投诉，只想尽快解决", "a: 好的，已为您加急。"),
			zht("c: 不處理我就去消保官申訴", "a: 真的很抱歉，我這邊立即幫您登記並請主管跟進。"),
			en("c: I'm reporting this to the BBB", "a: I'm sorry about this, I'll escalate it to my supervisor right away."),
		},
	},
	"health_concern_not_escalated": {
		fire: []ex{
			zhs("c: 孩子喝了奶粉后起红疹了", "a: 好的，可以帮您办理退货。"),
			zht("c: 小孩用了之後起紅疹，是不是品質有問題？", "a: 我幫您辦理退貨退款。"),
			en("c: My kid got a rash after using the lotion", "a: I can start a return for you."),
		},
		quiet: []ex{
			zhs("c: 孩子喝了奶粉后起红疹了", "a: 非常抱歉，请先停止食用并尽快就医，我已把批次反馈给品控部门。"),
			zhs("c: 孩子喝了没有不舒服，只是想问保质期", "a: 保质期是12个月。"),
			zht("c: 喝了之後拉肚子", "a: 請先停止飲用並就醫，我們會請食品安全專員跟進。"),
			en("c: I threw up after eating it", "a: Please stop using it and see a doctor; I've flagged it to our quality team."),
			en("c: I'm sick of waiting for this parcel", "a: I understand, it ships today."),
		},
	},

	// resolution and accuracy
	"refund_policy_misquote": {
		fire: []ex{
			zhs("a: 没关系，签收后30天内都可以无理由退货的。"),
			zhs("a: 食品拆封了也支持7天无理由退货的。"),
			zhs("a: 退款当天就能到账。"),
			zhs("a: 您不用寄回，直接申请退款就行。"),
			zht("a: 沒關係，到貨30天內都可以無條件退貨。"),
			zht("a: 退款當天就會入帳。"),
			zht("a: 我們有14天鑑賞期，您放心。"),
			en("a: No problem, you can return anything within 30 days, no questions asked."),
			en("a: Even opened items can be returned, there are no restrictions."),
			en("a: The refund will hit your account today."),
			en("a: Your refund will be processed within 24 hours."),
		},
		quiet: []ex{
			zhs("a: 我们支持签收后7天内无理由退货，食品、奶粉等商品拆封后不支持无理由退货哦。"),
			zhs("a: 退款审核通过后1-3个工作日会原路退回到您的支付账户。"),
			zhs("a: 退款不会当天到账，审核通过后1-3个工作日到账。"),
			zht("a: 商品瑕疵可在到貨15天內申請退換，運費由我們負擔。"),
			zht("a: 我們提供到貨後7天鑑賞期，食品類拆封後恕不退換喔。"),
			en("a: Defective items can be returned or exchanged within 15 days of delivery, and we cover the shipping."),
			en("a: Once the refund is approved it goes back to your original payment method within 1-3 business days."),
			en("a: We accept returns within 7 days of delivery for unopened items; opened food products can't be returned."),
		},
	},
	"shelf_life_unverified": {
		fire: []ex{
			zhs("c: 这个奶粉是不是过期了？", "a: 没有过期的，可以放心食用。"),
			zht("c: 請問牛奶的保存期限是多久？快到期了嗎？", "a: 沒有問題的，可以放心飲用。"),
			en("c: Is the milk expired? It smells sour", "a: It's perfectly safe, nothing to worry about."),
		},
		quiet: []ex{
			zhs("c: 这个奶粉是不是过期了？", "a: 查到您收到的批次是B20250301-02，生产日期2025年3月1日，在保质期内，可以放心食用。"),
			zht("c: 牛奶快過期了嗎？", "a: 您的批號是B20250301-02，製造日期2025年3月1日。", "a: 目前還在有效期限內，可以放心飲用。"),
			en("c: My coupon expired, can I still use it?", "a: No problem, it's still good, I've reissued it."),
		},
	},
	"expired_food_declared_safe": {
		fire: []ex{
			zhs("a: 过期几天没关系的，还可以喝。"),
			zht("a: 過期了也可以吃，不用擔心。"),
			en("a: It's past the best before date but it's still fine to eat."),
		},
		quiet: []ex{
			zhs("a: 过期的商品请不要食用，我们为您办理退款。"),
			zht("a: 過期品請勿食用，我們馬上幫您退款。"),
			en("a: Please don't eat it if it has expired; we'll refund you."),
			en("c: It expired but it's still fine, right?", "a: Please don't eat it."),
		},
	},
	"ignored_human_request": {
		fire: []ex{
			zhs("c: 转人工", "a: 请问您的订单号是多少？", "c: 我说了转人工！！！", "a: 这个问题我就可以帮您处理的。"),
			zht("c: 我要真人客服", "a: 我先幫您看一下問題喔。", "c: 聽不懂嗎？轉真人客服！"),
			en("b: How can I help you today?", "c: Can I speak to a human?", "b: Did you mean: how long does a refund take?",
				"c: I SAID I want a human!!!", "b: Sorry, I didn't quite get that."),
		},
		quiet: []ex{
			zhs("c: 转人工", "a: 好的，正在为您转接人工客服。"),
			zhs("c: 不用转人工了，谢谢", "a: 好的。"),
			zht("c: 唔該轉真人", "a: 好的，這邊馬上為您轉接專人，請稍候。"),
			en("c: representative please", "b: Sure, transferring you to a human agent."),
		},
	},
	"bot_no_human_after_failure": {
		fire: []ex{
			zhs("c: 我的退款呢", "b: 抱歉，小智没有理解您的问题，您可以换个说法试试哦。", "c: 退款到哪了", "b: 不好意思，我还在学习中，您可以试试输入“退款”。"),
			zht("c: 我的包裹呢", "b: 不好意思，小幫手不太懂您的意思，可以換個說法嗎？", "c: 包裹沒收到", "b: 請問您是想問：如何申請退貨？"),
			en("c: where is it", "b: Sorry, I didn't quite get that. Could you rephrase?", "c: my parcel", "b: Did you mean: how do I request a refund?"),
		},
		quiet: []ex{
			zhs("b: 抱歉没听懂呢～请简单描述一下您的问题。", "c: 查物流", "b: 您可以在订单详情中查看实时物流信息。"),
			zht("c: 我的包裹呢", "b: 不好意思，小幫手不太懂您的意思，可以換個說法嗎？", "c: 包裹沒收到", "b: 請問您是想問：如何申請退貨？",
				"c: 真人", "b: 正在為您轉接真人客服，請稍候…"),
			en("c: where is it", "b: Sorry, I didn't quite get that. Could you rephrase?", "c: my parcel from last week", "b: Your parcel is out for delivery."),
		},
	},
	"no_solution_confirmation": {
		fire: []ex{
			zhs("c: 发票怎么开？", "a: 您好。", "a: 差额是运费险和包装费。", "a: 再见。"),
			zht("c: 發票怎麼開？", "a: 您好。", "a: 發票在訂單明細裡。"),
			en("c: How do I get an invoice?", "a: Hi.", "a: Invoices are in the order page."),
		},
		quiet: []ex{
			zhs("c: 我要退款", "a: 已为您提交退款申请，预计1-3个工作日到账。"),
			zht("c: 我想退貨", "a: 已經幫您辦理退貨，會有簡訊通知您。"),
			en("c: I want a refund", "a: I've issued the refund; you'll get an email confirmation."),
			en("c: Get me a human", "a: Sure, I'm connecting you with a human agent now."),
		},
	},
	"uncertain_answer": {
		fire: []ex{
			zhs("a: 这个我也不知道，应该是吧。"),
			zht("a: 這個我不太清楚耶。"),
			en("a: No idea, maybe it'll come tomorrow, I guess."),
		},
		quiet: []ex{
			zhs("c: 我不知道订单号", "a: 我帮您查询一下，稍后回复您。"),
			zht("a: 我幫您確認後回覆您。"),
			en("a: Let me check with the warehouse and get back to you within a day."),
			zhs("a: 图片不太清楚，麻烦您重新拍一张。"),
			en("a: If you're not sure which size, check the chart on the page."),
		},
	},
}
